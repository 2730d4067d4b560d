using System.Text.Encodings.Web;
using System.Text.Json;
using FaceKdGrid.Grains.Sweeps;

namespace FaceKdGrid.Client.Output;

/// <summary>
/// The results as JSON: <c>{ sweepId, status, teacher: { params, accuracy }, trials: [...], bestPerRatio, pareto }</c>;
/// each trial's <c>compressionRatio</c> is the one achieved (the requested one is in <c>params</c>).
/// </summary>
public static class ResultsJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(SweepResults results) => JsonSerializer.Serialize(new
    {
        sweepId = results.SweepId,
        status = ResultRow.StatusName(results.Status),
        metric = results.Metric == Grains.Specs.SweepMetric.Accuracy ? "accuracy" : "tar_at_far_1e-3",
        teacher = new { @params = results.Teacher.Params, accuracy = results.Teacher.Accuracy },
        trials = results.Trials.Select(trial => new
        {
            id = trial.TrialId,
            status = ResultRow.StatusName(trial.Status),
            @params = trial.Parameters?.ToNamedValues().ToDictionary(pair => pair.Key, pair => pair.Value),
            compressionRatio = trial.Outcome?.CompressionRatio,
            studentParams = trial.Outcome?.StudentParams,
            accuracy = trial.Outcome?.Accuracy,
            accuracyStd = trial.Outcome?.AccuracyStd,
            untrainedAccuracy = trial.Outcome?.UntrainedAccuracy,
            tarAtFar1e3 = trial.Outcome?.TarAtFar1e3,
            teacherAgreement = trial.Outcome?.TeacherAgreement,
            untrainedTeacherAgreement = trial.Outcome?.UntrainedTeacherAgreement,
            teacherNeighbourAgreement = trial.Outcome?.TeacherNeighbourAgreement,
            multiplyAdds = trial.Outcome?.MultiplyAdds,
            epochs = trial.Epochs,
            attempts = trial.Attempts,
            error = trial.Error,
        }),
        bestPerRatio = results.BestPerRatio.Select(best => new { compressionRatio = best.CompressionRatio, trialId = best.TrialId, metric = best.Metric }),
        pareto = results.Pareto.Select(point => new { trialId = point.TrialId, studentParams = point.StudentParams, metric = point.Metric }),
    }, Options);
}
