using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Results;

/// <summary>
/// Summaries of a results table. Trials that differ only in <c>seed</c> form one group (mean ± std across seeds);
/// best per requested compression ratio and the Pareto front compare groups, choose by the sweep's metric on the
/// validation pairs and report it on the test pairs. Only trials with a result (completed, or stopped early) count.
/// </summary>
public static class SweepAggregation
{
    public static IReadOnlyList<SeedGroup> Groups(IEnumerable<TrialResult> trials, SweepMetric metric) =>
        trials
            .Where(trial => trial.Kind == TrialKind.Student && trial.Status.HasResult() && trial.Outcome is not null && trial.Parameters is not null)
            .OrderBy(trial => trial.TrialId, StringComparer.Ordinal)
            .GroupBy(trial => trial.Parameters!.Signature(SearchKeys.Seed))
            .Select(group => Summarise(group.ToList(), metric))
            .ToList();

    /// <summary>Per requested ratio, the best group by validation metric; groups that ran to the end come first.</summary>
    public static IReadOnlyList<RatioBest> BestPerRatio(IReadOnlyList<SeedGroup> groups, SweepMetric metric, OptimisationMode mode) =>
        groups
            .GroupBy(group => group.CompressionRatio)
            .OrderBy(ratio => ratio.Key)
            .Select(ratio => Best(ratio.Where(group => !group.StoppedEarly).ToList() is { Count: > 0 } finished ? finished : ratio.ToList(), mode))
            .Select(best => new RatioBest
            {
                CompressionRatio = best.CompressionRatio,
                TrialId = best.GroupId,
                Metric = best.Reported(metric).Mean,
                MetricStd = best.Reported(metric).Std,
                SelectionMetric = best.Selection.Mean,
                Seeds = best.TrialIds.Count,
                StoppedEarly = best.StoppedEarly,
            })
            .ToList();

    /// <summary>
    /// Groups not dominated by another (one at most as large and at least as good on the validation metric, strictly
    /// better in one), smallest student first; of exact ties the lowest group id is kept.
    /// </summary>
    public static IReadOnlyList<ParetoPoint> ParetoFront(IReadOnlyList<SeedGroup> groups, SweepMetric metric, OptimisationMode mode)
    {
        var front = new List<ParetoPoint>();
        var ordered = groups
            .OrderBy(group => group.StudentParams)
            .ThenBy(group => mode == OptimisationMode.Max ? -group.Selection.Mean : group.Selection.Mean)
            .ThenBy(group => group.GroupId, StringComparer.Ordinal);
        foreach (var group in ordered)
        {
            // Sorted by size, a group joins the front only if it beats every smaller (or equal) one on the metric.
            if (front.Count == 0 || mode.IsBetter(group.Selection.Mean, front[^1].SelectionMetric))
            {
                front.Add(new ParetoPoint
                {
                    TrialId = group.GroupId,
                    StudentParams = group.StudentParams,
                    Metric = group.Reported(metric).Mean,
                    MetricStd = group.Reported(metric).Std,
                    SelectionMetric = group.Selection.Mean,
                    Seeds = group.TrialIds.Count,
                    StoppedEarly = group.StoppedEarly,
                });
            }
        }
        return front;
    }

    private static SeedGroup Best(IReadOnlyList<SeedGroup> candidates, OptimisationMode mode) =>
        candidates.Aggregate((best, next) => mode.IsBetter(next.Selection.Mean, best.Selection.Mean) ? next : best);

    private static SeedGroup Summarise(IReadOnlyList<TrialResult> trials, SweepMetric metric)
    {
        MetricSummary Across(Func<TrialOutcome, double> value) => MetricSummary.Of(trials.Select(trial => value(trial.Outcome!)).ToList());
        return new SeedGroup
        {
            GroupId = trials[0].TrialId,
            TrialIds = trials.Select(trial => trial.TrialId).ToList(),
            Parameters = trials[0].Parameters!,
            StudentParams = trials[0].Outcome!.StudentParams,
            Accuracy = Across(outcome => outcome.Accuracy),
            Tar = Across(outcome => outcome.Tar),
            Far = trials[0].Outcome!.Far,
            Selection = Across(outcome => metric.SelectionValueIn(outcome)),
            UntrainedAccuracy = Across(outcome => outcome.UntrainedAccuracy),
            StoppedEarly = trials.Any(trial => trial.Status == TrialStatus.Stopped),
        };
    }
}
