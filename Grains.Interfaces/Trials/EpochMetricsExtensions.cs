using FaceKdGrid.Records;

namespace FaceKdGrid.Grains.Trials;

public static class EpochMetricsExtensions
{
    private static readonly EpochValidation NotValidated = new(double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>The epoch's metrics on the validation pairs; NaN throughout when it validated nothing.</summary>
    public static EpochValidation ValidationOrNaN(this EpochMetrics epoch) => epoch.Validation ?? NotValidated;
}
