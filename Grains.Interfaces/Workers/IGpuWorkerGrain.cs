using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Workers;

/// <summary>
/// One accelerator (or the CPU pool) of one silo, keyed <c>{silo}/{device}</c> and always activated on that silo.
/// It hands trials to the silo's training runtime (which runs them on background threads) and returns at once.
/// </summary>
[Alias("fkd.IGpuWorkerGrain")]
public interface IGpuWorkerGrain : IGrainWithStringKey
{
    /// <summary>Starts the trial in a free slot; false when every slot is busy or the worker drains.</summary>
    [Alias("RunTrial")]
    Task<bool> RunTrialAsync(TrialAssignment assignment);

    [Alias("CancelTrial")]
    Task CancelTrialAsync(string trialKey);

    /// <summary>Takes no new trials and hands off those running (they resume elsewhere); a silo whose workers all drain leaves.</summary>
    [Alias("Drain")]
    Task DrainAsync();

    [Alias("GetStatus")]
    Task<WorkerHeartbeat> GetStatusAsync();
}
