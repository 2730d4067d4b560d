namespace FaceKdGrid.Grains.Workers;

/// <summary>The registry's view of one worker.</summary>
[GenerateSerializer, Immutable, Alias("fkd.WorkerInfo")]
public sealed record WorkerInfo
{
    [Id(0)] public WorkerHeartbeat Heartbeat { get; init; } = new();

    [Id(1)] public DateTimeOffset LastSeen { get; init; }

    /// <summary>Whether it sent a heartbeat within the registry's liveness timeout.</summary>
    [Id(2)] public bool IsAlive { get; init; }

    /// <summary>Trial keys granted a slot but not yet seen in a heartbeat.</summary>
    [Id(3)] public IReadOnlyList<string> Reserved { get; init; } = [];

    public string WorkerId => Heartbeat.WorkerId;

    /// <summary>
    /// The trials it runs: none once it is dead, whatever its last heartbeat listed (the coordinator re-queues them,
    /// and they may already have finished elsewhere).
    /// </summary>
    public IReadOnlyList<string> RunningTrials => IsAlive ? Heartbeat.Running : [];

    /// <summary>
    /// The registry's one rule for free slots: the worker's slot count less the trials it runs and those granted a slot;
    /// a trial reporting its outcome has freed its slot already.
    /// </summary>
    public int FreeSlots => Math.Max(0, Heartbeat.Slots - Heartbeat.Running.Union(Reserved).Count());
}
