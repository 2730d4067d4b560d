using FaceKdGrid.Grains.Sweeps;

namespace FaceKdGrid.ClientLibrary.Output;

/// <summary>
/// The results as JSON: <c>{ sweepId, status, metric, teacher: { params, accuracy }, trials: [...], groups: [...],
/// bestPerRatio, pareto }</c>; each trial's <c>compressionRatio</c> is the one achieved (the requested one is in
/// <c>params</c>); <c>groups</c> holds each configuration across its seeds (mean, std over seeds, count); metrics are
/// on the test pairs except <c>validation*</c> and <c>selectionMetric</c>, on the validation pairs; <c>resumedFromEpoch</c>,
/// <c>teacherForwardPasses</c> and <c>teacherCacheHits</c> are what the engine did in the trial's last attempt.
/// </summary>
public static class ResultsJson
{
    public static string Serialize(SweepResults results) => JsonOutput.Serialize(new
    {
        sweepId = results.SweepId,
        status = ResultRow.StatusName(results.Status),
        metric = Grains.Specs.SpecNames.Metrics.NameOf(results.Metric),
        teacher = new { @params = results.Teacher.Params, accuracy = results.Teacher.Accuracy },
        trials = results.Trials.Select(trial => new
        {
            id = trial.TrialId,
            status = ResultRow.StatusName(trial.Status),
            @params = JsonOutput.Params(trial.Parameters),
            compressionRatio = trial.Outcome?.CompressionRatio,
            studentParams = trial.Outcome?.StudentParams,
            accuracy = trial.Outcome?.Accuracy,
            accuracyStd = trial.Outcome?.AccuracyStd,
            untrainedAccuracy = trial.Outcome?.UntrainedAccuracy,
            tar = trial.Outcome?.Tar,
            far = trial.Outcome?.Far,
            validationAccuracy = trial.Outcome?.ValidationAccuracy,
            validationTar = trial.Outcome?.ValidationTar,
            teacherAgreement = trial.Outcome?.TeacherAgreement,
            untrainedTeacherAgreement = trial.Outcome?.UntrainedTeacherAgreement,
            teacherNeighbourAgreement = trial.Outcome?.TeacherNeighbourAgreement,
            multiplyAdds = trial.Outcome?.MultiplyAdds,
            epochs = trial.Epochs,
            attempts = trial.Lifecycle.Attempts,
            resumedFromEpoch = trial.Outcome?.ResumedFromEpoch,
            teacherForwardPasses = trial.Outcome?.TeacherForwardPasses,
            teacherCacheHits = trial.Outcome?.TeacherCacheHits,
            reason = trial.Lifecycle.Reason,
        }),
        groups = results.Groups.Select(group => new
        {
            id = group.GroupId,
            trials = group.TrialIds,
            @params = group.Parameters.ToNamedValues().Where(pair => pair.Key != Grains.Specs.SearchKeys.Seed.Name).ToDictionary(pair => pair.Key, pair => pair.Value),
            studentParams = group.StudentParams,
            accuracy = Summary(group.Accuracy),
            tar = Summary(group.Tar),
            far = group.Far,
            untrainedAccuracy = Summary(group.UntrainedAccuracy),
            selectionMetric = Summary(group.Selection),
            stoppedEarly = group.StoppedEarly,
        }),
        bestPerRatio = results.BestPerRatio.Select(best => new
        {
            compressionRatio = best.CompressionRatio, trialId = best.TrialId, metric = best.Metric, metricStd = best.MetricStd,
            selectionMetric = best.SelectionMetric, seeds = best.Seeds, stoppedEarly = best.StoppedEarly,
        }),
        pareto = results.Pareto.Select(point => new
        {
            trialId = point.TrialId, studentParams = point.StudentParams, metric = point.Metric, metricStd = point.MetricStd,
            selectionMetric = point.SelectionMetric, seeds = point.Seeds, stoppedEarly = point.StoppedEarly,
        }),
    });

    private static object Summary(Grains.Sweeps.MetricSummary summary) => new { mean = summary.Mean, std = summary.Std, count = summary.Count };
}
