using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Workers;
using FaceKdGrid.Records;

namespace FaceKdGrid.Grains.Trials;

/// <summary>
/// How the coordinator moves a trial through its <see cref="TrialLifecycle"/> and the training runtime records its
/// epochs and checkpoints: the experiment grain's (<see cref="IExperimentGrain"/>) writing side. It lives beside the
/// grains, not in Grains.Interfaces, so clients, which can only read a trial, cannot change one. A transition about an
/// attempt that is no longer the running one changes nothing and returns the lifecycle as it stands.
/// </summary>
[Alias("fkd.IExperimentLifecycleGrain")]
public interface IExperimentLifecycleGrain : IExperimentGrain
{
    /// <summary>Records the trial's definition, pending; repeating it is harmless.</summary>
    [Alias("Define")]
    Task DefineAsync(TrialDefinition definition);

    /// <summary>A new attempt goes to the worker of <paramref name="lease"/>; written before the worker hears of it.</summary>
    [Alias("Start")]
    Task<TrialLifecycle> StartAsync(WorkerLease lease);

    [Alias("RequestStop")]
    Task<TrialLifecycle> RequestStopAsync(int attempt);

    [Alias("Finish")]
    Task<TrialLifecycle> FinishAsync(int attempt, TrialOutcome outcome);

    /// <summary>The attempt failed: retried after <paramref name="backoff"/> while failures stay within <paramref name="maxFailures"/>.</summary>
    [Alias("Fail")]
    Task<TrialLifecycle> FailAsync(int attempt, string reason, int maxFailures, TimeSpan backoff);

    /// <summary>The attempt ended without failing (lost worker, hand-off, refused dispatch): back to pending with the reason.</summary>
    [Alias("Requeue")]
    Task<TrialLifecycle> RequeueAsync(int attempt, string reason);

    /// <summary>A pending trial fails without running (its sweep's teacher did not complete); an ended one stays as it ended.</summary>
    [Alias("Abandon")]
    Task<TrialLifecycle> AbandonAsync(string reason);

    /// <summary>A pending or running trial is cancelled; an ended one stays as it ended.</summary>
    [Alias("Cancel")]
    Task<TrialLifecycle> CancelAsync(string reason);

    /// <summary>A failed or cancelled trial is pending again (<see cref="TrialLifecycle.Retry"/>); any other stays as it is.</summary>
    [Alias("Retry")]
    Task<TrialLifecycle> RetryAsync();

    [Alias("RecordEpoch")]
    Task RecordEpochAsync(int attempt, EpochMetrics metrics);

    [Alias("RecordCheckpoint")]
    Task RecordCheckpointAsync(int attempt, int epoch, string location);
}
