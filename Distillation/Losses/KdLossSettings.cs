namespace FaceKdGrid.Distillation.Losses;

/// <summary>
/// A KD objective's hyperparameters: the kind, the softmax temperature of the indirect term (greater than 0) and the
/// weight of the feature term in <see cref="KdLossKind.IndirectFeature"/> (at least 0). Checked, also in <c>with</c>.
/// </summary>
public sealed record KdLossSettings
{
    public KdLossSettings(KdLossKind Kind, double Temperature = 4.0, double FeatureWeight = 1.0)
    {
        this.Kind = Kind;
        this.Temperature = Temperature;
        this.FeatureWeight = FeatureWeight;
    }

    public KdLossKind Kind
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Kind), value, "not a KD loss kind");
    }

    public double Temperature { get; init => field = RequireTemperature(value, nameof(Temperature)); }

    public double FeatureWeight
    {
        get;
        init => field = double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(FeatureWeight), value, $"{nameof(FeatureWeight)} must be a finite number >= 0");
    }

    /// <summary>Whether the objective needs a prototype bank (class centres or k-means centres).</summary>
    public bool NeedsPrototypes => Kind is KdLossKind.Indirect or KdLossKind.IndirectFeature;

    internal static double RequireTemperature(double value, string paramName)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number greater than 0");
        }
        return value;
    }
}
