using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Workers;

namespace FaceKdGrid.Grains.Trials;

/// <summary>
/// One trial, keyed <c>{sweep}/{trial}</c>: its parameters, status, attempts, worker, epoch curve, checkpoint and
/// final metrics. The coordinator drives its status; the training runtime adds epochs and checkpoints. Persisted.
/// It is also the durable record of the trial's scheduling: the coordinator writes each dispatch and each outcome here
/// first, and rebuilds its own view from these records when it resumes.
/// </summary>
[Alias("fkd.IExperimentGrain")]
public interface IExperimentGrain : IGrainWithStringKey
{
    /// <summary>Records the trial's definition; repeating it is harmless.</summary>
    [Alias("Define")]
    Task DefineAsync(TrialDefinition definition);

    /// <summary>Attempt <paramref name="attempt"/> is dispatched to the worker of <paramref name="lease"/>; written before the worker hears of it.</summary>
    [Alias("MarkStarted")]
    Task MarkStartedAsync(int attempt, WorkerLease lease, DateTimeOffset dispatchedAt);

    [Alias("RecordEpoch")]
    Task RecordEpochAsync(int attempt, EpochMetrics metrics);

    [Alias("RecordCheckpoint")]
    Task RecordCheckpointAsync(int attempt, int epoch, string location);

    /// <summary>
    /// Back to pending (a retry after a failure, a re-queue after a lost worker, a dispatch the worker refused), with the
    /// reason and the failed attempts counted so far against max_failures.
    /// </summary>
    [Alias("MarkPending")]
    Task MarkPendingAsync(string reason, int failures);

    [Alias("MarkFinished")]
    Task MarkFinishedAsync(TrialStatus status, TrialOutcome? outcome, string? reason);

    [Alias("Get")]
    Task<TrialSnapshot> GetAsync();
}
