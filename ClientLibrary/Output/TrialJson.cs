using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.ClientLibrary.Output;

/// <summary>
/// <c>trial show --format json</c>: <c>{ sweepId, id, kind, status, params, attempts, failures, reason, worker,
/// startedAt, finishedAt, checkpoint, checkpointEpoch, outcome, epochs: [{ epoch, trainLoss, validationAccuracy,
/// validationTar, far, seconds }] }</c>. <c>outcome</c> (null until the trial completes or is stopped) has the
/// results' per-trial metric names (<c>accuracy</c>, <c>tar</c>, <c>validationAccuracy</c>, ...; see README) plus
/// <c>epochsRun</c>, <c>teacherParams</c>, <c>teacherAccuracy</c> and <c>checkpointLocation</c>.
/// </summary>
public static class TrialJson
{
    public static string Serialize(TrialSnapshot trial) => JsonOutput.Serialize(new
    {
        sweepId = trial.SweepId,
        id = trial.TrialId,
        kind = ResultRow.StatusName(trial.Kind),
        status = ResultRow.StatusName(trial.Status),
        @params = JsonOutput.Params(trial.Parameters),
        attempts = trial.Lifecycle.Attempts,
        failures = trial.Lifecycle.Failures,
        reason = trial.Lifecycle.Reason,
        worker = trial.Lifecycle.Worker,
        startedAt = trial.Lifecycle.StartedAt,
        finishedAt = trial.Lifecycle.FinishedAt,
        checkpoint = trial.LastCheckpoint,
        checkpointEpoch = trial.LastCheckpointEpoch,
        // The record's own fields, camelCased: the same names the results' trials use.
        outcome = trial.Outcome,
        epochs = trial.Epochs.Select(EpochCurve.Json),
    });
}
