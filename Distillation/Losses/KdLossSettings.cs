namespace FaceKdGrid.Distillation.Losses;

/// <summary>
/// A KD objective's hyperparameters: the kind; for the indirect term its logit scale s (greater than 0; the
/// prototype cosines are scaled like an ArcFace head's logits), its softening temperature T (greater than 0) and its
/// weight (at least 0); the weight of the feature term beside it (at least 0); and for
/// <see cref="KdLossKind.Contrastive"/> its own temperature (greater than 0; InfoNCE wants a far sharper softmax than
/// the indirect term's) and the size of its teacher-embedding queue (at least 0; 0 = in-batch negatives only).
/// <see cref="KdLossKind.Feature"/> alone is never weighted. Checked, also in <c>with</c>.
/// </summary>
public sealed record KdLossSettings
{
    /// <summary>
    /// The indirect term's weight that gives its gradient on the student embedding about the feature term's size at
    /// s = 64, T = 4 (measured on constructed embeddings; see docs/calibration.md), so one learning rate suits
    /// <c>indirect</c>, <c>feature</c> and their sum.
    /// </summary>
    public const double DefaultIndirectWeight = 0.016;

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

    /// <summary>T, the temperature that softens the indirect term's scaled logits.</summary>
    public double Temperature { get; init => field = RequirePositive(value, nameof(Temperature)); }

    /// <summary>s, the scale of the indirect term's logits s P x^ (ArcFace heads use 64).</summary>
    public double Scale { get; init => field = RequirePositive(value, nameof(Scale)); } = 64;

    /// <summary>The weight of the indirect term, alone or beside the feature term.</summary>
    public double IndirectWeight { get; init => field = RequireWeight(value, nameof(IndirectWeight)); } = DefaultIndirectWeight;

    /// <summary>The weight of the feature term beside the indirect one.</summary>
    public double FeatureWeight { get; init => field = RequireWeight(value, nameof(FeatureWeight)); }

    public int QueueSize { get; init => field = RequireQueueSize(value, nameof(QueueSize)); } = 1024;

    public double ContrastiveTemperature { get; init => field = RequirePositive(value, nameof(ContrastiveTemperature)); } = 0.07;

    /// <summary>Whether the objective needs a prototype bank (class centres or k-means centres).</summary>
    public bool NeedsPrototypes => Kind is KdLossKind.Indirect or KdLossKind.IndirectFeature;

    internal static double RequirePositive(double value, string paramName)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number greater than 0");
        }
        return value;
    }

    /// <summary>
    /// Throws unless the contrastive queue stays below the pool's size: a queue as large as the pool holds each face's
    /// own earlier teacher embedding, which InfoNCE then pushes away as a negative.
    /// </summary>
    public void RequireQueueBelowPool(int poolSize)
    {
        if (Kind == KdLossKind.Contrastive && QueueSize >= poolSize)
        {
            throw new ArgumentOutOfRangeException(nameof(QueueSize), QueueSize,
                $"{nameof(QueueSize)} {QueueSize} must stay below the pool's {poolSize} images, or each face's own earlier teacher embedding becomes its negative");
        }
    }

    internal static int RequireQueueSize(int value, string paramName)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be 0 (in-batch negatives only) or positive");
        }
        return value;
    }

    private static double RequireWeight(double value, string paramName)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number >= 0");
        }
        return value;
    }
}
