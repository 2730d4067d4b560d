using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.ClientLibrary.Output;

/// <summary>
/// <c>sweep list --format json</c>: <c>{ sweeps: [{ sweepId, status, metric, trialCount, trialsByStatus: { pending,
/// running, completed, stopped, failed, cancelled }, submittedAt, finishedAt }] }</c>; every status is present, 0 when
/// no trial has it.
/// </summary>
public static class SweepListJson
{
    public static string Serialize(IEnumerable<SweepSummary> sweeps) => JsonOutput.Serialize(new
    {
        sweeps = sweeps.Select(sweep => new
        {
            sweepId = sweep.SweepId,
            status = ResultRow.StatusName(sweep.Status),
            metric = SpecNames.Metrics.NameOf(sweep.Metric),
            trialCount = sweep.TrialCount,
            trialsByStatus = Enum.GetValues<TrialStatus>().ToDictionary(status => ResultRow.StatusName(status), status => sweep.Count(status)),
            submittedAt = sweep.SubmittedAt,
            finishedAt = sweep.FinishedAt,
        }),
    });
}
