using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Trials;

/// <summary>
/// One trial, keyed <c>{sweep}/{trial}</c>: its parameters, status, attempts, worker, epoch curve, checkpoint and
/// final metrics. The coordinator drives its status; the training runtime adds epochs and checkpoints. Persisted.
/// </summary>
[Alias("fkd.IExperimentGrain")]
public interface IExperimentGrain : IGrainWithStringKey
{
    /// <summary>Records the trial's definition; repeating it is harmless.</summary>
    [Alias("Define")]
    Task DefineAsync(TrialDefinition definition);

    [Alias("MarkStarted")]
    Task MarkStartedAsync(int attempt, string worker);

    [Alias("RecordEpoch")]
    Task RecordEpochAsync(int attempt, EpochMetrics metrics);

    [Alias("RecordCheckpoint")]
    Task RecordCheckpointAsync(int attempt, int epoch, string location);

    /// <summary>Back to pending (a retry after a failure, or a re-queue after a lost worker), with the reason.</summary>
    [Alias("MarkPending")]
    Task MarkPendingAsync(string reason);

    [Alias("MarkFinished")]
    Task MarkFinishedAsync(TrialStatus status, TrialOutcome? outcome, string? reason);

    [Alias("Get")]
    Task<TrialSnapshot> GetAsync();
}
