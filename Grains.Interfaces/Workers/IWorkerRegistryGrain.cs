namespace FaceKdGrid.Grains.Workers;

/// <summary>
/// The inventory of workers, their slots and heartbeats (singleton, key 0): where coordinators find free
/// capacity. Its state is soft: heartbeats rebuild it within one interval after a restart.
/// </summary>
[Alias("fkd.IWorkerRegistryGrain")]
public interface IWorkerRegistryGrain : IGrainWithIntegerKey
{
    [Alias("Heartbeat")]
    Task HeartbeatAsync(WorkerHeartbeat heartbeat);

    /// <summary>Grants a slot on a live, non-draining worker of the device (cpu, cuda, auto), or null when none is free.</summary>
    [Alias("AcquireSlot")]
    Task<WorkerLease?> AcquireSlotAsync(string device, string trialKey);

    /// <summary>The trial ran in the slot and ended: its outcome is being reported.</summary>
    [Alias("ReleaseSlot")]
    Task ReleaseSlotAsync(string workerId, string trialKey);

    /// <summary>A granted slot that was not used (the worker refused or could not be reached): only the grant ends.</summary>
    [Alias("ReturnSlot")]
    Task ReturnSlotAsync(string workerId, string trialKey);

    [Alias("GetWorkers")]
    Task<IReadOnlyList<WorkerInfo>> GetWorkersAsync();
}
