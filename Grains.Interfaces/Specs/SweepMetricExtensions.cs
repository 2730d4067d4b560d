using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Records;

namespace FaceKdGrid.Grains.Specs;

public static class SweepMetricExtensions
{
    /// <summary>The metric on the validation pairs: what early stopping and best-per-ratio choose by.</summary>
    public static double SelectionValueIn(this SweepMetric metric, TrialOutcome outcome) =>
        metric == SweepMetric.Tar ? outcome.ValidationTar : outcome.ValidationAccuracy;

    /// <summary>An epoch's metric, measured on the validation pairs.</summary>
    public static double ValueIn(this SweepMetric metric, EpochMetrics epoch) =>
        metric == SweepMetric.Tar ? epoch.ValidationOrNaN().Tar : epoch.ValidationOrNaN().Accuracy;

    /// <summary>Whether <paramref name="candidate"/> is strictly better than <paramref name="incumbent"/> in this mode.</summary>
    public static bool IsBetter(this OptimisationMode mode, double candidate, double incumbent) =>
        mode == OptimisationMode.Max ? candidate > incumbent : candidate < incumbent;
}
