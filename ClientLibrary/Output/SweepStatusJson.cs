using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;

namespace FaceKdGrid.ClientLibrary.Output;

/// <summary>
/// <c>sweep status --format json</c>: <c>{ sweepId, status, metric, submittedAt, finishedAt, trials: [{ id, kind,
/// status, params, epochs, lastMetric, attempts, failures, reason, worker }] }</c>; <c>lastMetric</c> is the sweep's
/// metric on the validation pairs as last reported, the lifecycle fields are the trial's latest attempt.
/// </summary>
public static class SweepStatusJson
{
    public static string Serialize(SweepSnapshot status) => JsonOutput.Serialize(new
    {
        sweepId = status.SweepId,
        status = ResultRow.StatusName(status.Status),
        metric = status.Spec is { } spec ? SpecNames.Metrics.NameOf(spec.Metric) : null,
        submittedAt = status.SubmittedAt,
        finishedAt = status.FinishedAt,
        trials = status.Trials.Select(trial => new
        {
            id = trial.TrialId,
            kind = ResultRow.StatusName(trial.Kind),
            status = ResultRow.StatusName(trial.Status),
            @params = JsonOutput.Params(trial.Parameters),
            epochs = trial.Epochs,
            lastMetric = trial.LastMetric,
            attempts = trial.Lifecycle.Attempts,
            failures = trial.Lifecycle.Failures,
            reason = trial.Lifecycle.Reason,
            worker = trial.Lifecycle.Worker,
        }),
    });
}
