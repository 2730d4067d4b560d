namespace FaceKdGrid.Distillation.Losses;

/// <summary>
/// A KD objective's hyperparameters: the kind, the softmax temperature of the indirect term (greater than 0), the
/// weight of the feature term in <see cref="KdLossKind.IndirectFeature"/> (at least 0), and for
/// <see cref="KdLossKind.Contrastive"/> its own temperature (greater than 0; InfoNCE wants a far sharper softmax than
/// the indirect term's) and the size of its teacher-embedding queue (at least 0; 0 = in-batch negatives only).
/// Checked, also in <c>with</c>.
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

    public int QueueSize { get; init => field = RequireQueueSize(value, nameof(QueueSize)); } = 4096;

    public double ContrastiveTemperature { get; init => field = RequireTemperature(value, nameof(ContrastiveTemperature)); } = 0.07;

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

    internal static int RequireQueueSize(int value, string paramName)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be 0 (in-batch negatives only) or positive");
        }
        return value;
    }
}
