using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Records;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>
/// How the training runtime reports an attempt's progress to its sweep's coordinator (the same grain as
/// <see cref="ISweepCoordinatorGrain"/>, keyed by sweep id). It lives beside the grains, not in Grains.Interfaces,
/// so clients, which hold the coordinator's API only, cannot report epochs or outcomes.
/// </summary>
[Alias("fkd.ISweepReportingGrain")]
public interface ISweepReportingGrain : IGrainWithStringKey
{
    /// <summary>From the training runtime: one epoch of an attempt. The answer may be <see cref="EpochDecision.Stop"/>.</summary>
    [Alias("ReportEpoch")]
    Task<EpochDecision> ReportEpochAsync(string trialId, int attempt, EpochMetrics metrics);

    [Alias("ReportFinished")]
    Task ReportFinishedAsync(string trialId, int attempt, TrialOutcome outcome);

    [Alias("ReportFailed")]
    Task ReportFailedAsync(string trialId, int attempt, string reason);

    /// <summary>From the training runtime: the attempt ended because it was cancelled.</summary>
    [Alias("ReportCancelled")]
    Task ReportCancelledAsync(string trialId, int attempt);
}
