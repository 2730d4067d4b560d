using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Specs;

public static class SweepMetricExtensions
{
    public static double ValueIn(this SweepMetric metric, TrialOutcome outcome) =>
        metric == SweepMetric.TarAtFar1e3 ? outcome.TarAtFar1e3 : outcome.Accuracy;

    public static double ValueIn(this SweepMetric metric, EpochMetrics epoch) =>
        metric == SweepMetric.TarAtFar1e3 ? epoch.TarAtFar1e3 : epoch.Accuracy;

    /// <summary>Whether <paramref name="candidate"/> is strictly better than <paramref name="incumbent"/> in this mode.</summary>
    public static bool IsBetter(this OptimisationMode mode, double candidate, double incumbent) =>
        mode == OptimisationMode.Max ? candidate > incumbent : candidate < incumbent;
}
