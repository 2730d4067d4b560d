using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Results;

/// <summary>
/// Summaries of a results table: the best trial per requested compression ratio and the Pareto front of
/// metric against student parameters. Only trials with a result (completed, or stopped early) count.
/// </summary>
public static class SweepAggregation
{
    public static IReadOnlyList<RatioBest> BestPerRatio(IEnumerable<TrialResult> trials, SweepMetric metric, OptimisationMode mode) =>
        Scored(trials, metric)
            .GroupBy(scored => scored.Trial.Parameters!.CompressionRatio)
            .OrderBy(group => group.Key)
            .Select(group => group.Aggregate((best, next) => mode.IsBetter(next.Metric, best.Metric) ? next : best))
            .Select(best => new RatioBest { CompressionRatio = best.Trial.Parameters!.CompressionRatio, TrialId = best.Trial.TrialId, Metric = best.Metric })
            .ToList();

    /// <summary>
    /// Trials not dominated by another (one at most as large and at least as good, strictly better in one),
    /// smallest student first; of exact ties the lowest trial id is kept.
    /// </summary>
    public static IReadOnlyList<ParetoPoint> ParetoFront(IEnumerable<TrialResult> trials, SweepMetric metric, OptimisationMode mode)
    {
        var front = new List<ParetoPoint>();
        var ordered = Scored(trials, metric)
            .OrderBy(scored => scored.Trial.Outcome!.StudentParams)
            .ThenBy(scored => mode == OptimisationMode.Max ? -scored.Metric : scored.Metric)
            .ThenBy(scored => scored.Trial.TrialId, StringComparer.Ordinal);
        foreach (var (trial, value) in ordered)
        {
            // Sorted by size, a point joins the front only if it beats every smaller (or equal) point on the metric.
            if (front.Count == 0 || mode.IsBetter(value, front[^1].Metric))
            {
                front.Add(new ParetoPoint { TrialId = trial.TrialId, StudentParams = trial.Outcome!.StudentParams, Metric = value });
            }
        }
        return front;
    }

    private static IEnumerable<(TrialResult Trial, double Metric)> Scored(IEnumerable<TrialResult> trials, SweepMetric metric) =>
        trials
            .Where(trial => trial.Kind == TrialKind.Student && trial.Status.HasResult() && trial.Outcome is not null && trial.Parameters is not null)
            .Select(trial => (trial, metric.ValueIn(trial.Outcome!)));
}
