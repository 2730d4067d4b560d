using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FaceKdGrid.Distillation.Losses;

/// <summary>
/// ArcFace (additive angular margin) classifier for training a teacher on labeled faces: logits s cos(theta_y + m)
/// for the true class and s cos(theta_j) for the others, then cross-entropy. As in InsightFace (easy margin off),
/// where theta_y + m would pass pi, the target logit becomes cos(theta_y) - m sin(m) so it keeps decreasing with theta.
/// Its normalised weight rows are the class centres the indirect KD loss uses as prototypes.
/// </summary>
public sealed class ArcFaceHead : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>
    /// The logit scale for small sets and few epochs, where InsightFace's 64 learns slowly: the default of the
    /// grid's teacher training and the head of the supervised student baseline.
    /// </summary>
    public const double SmallSetScale = 32;

    /// <summary>The angular margin (radians) that goes with <see cref="SmallSetScale"/>.</summary>
    public const double SmallSetMargin = 0.3;

    private const double SineSquaredFloor = 1e-12;

    private readonly Parameter weight;
    private readonly double cosMargin;
    private readonly double sinMargin;
    private readonly double threshold;
    private readonly double fallbackPenalty;

    /// <param name="initialisation">Draws the initial weights, N(0, 0.01) (null: torch's process-wide generator).</param>
    public ArcFaceHead(int embeddingSize, int classCount, double scale = 64, double margin = 0.5, Generator? initialisation = null)
        : base(nameof(ArcFaceHead))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embeddingSize);
        if (classCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"{nameof(classCount)} must be at least 2");
        }
        if (!double.IsFinite(scale) || scale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"{nameof(scale)} must be a finite number greater than 0");
        }
        if (!(margin >= 0 && margin < Math.PI / 2))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, $"{nameof(margin)} must be in [0, pi/2) radians");
        }
        EmbeddingSize = embeddingSize;
        ClassCount = classCount;
        Scale = scale;
        Margin = margin;
        cosMargin = Math.Cos(margin);
        sinMargin = Math.Sin(margin);
        threshold = Math.Cos(Math.PI - margin);
        fallbackPenalty = Math.Sin(Math.PI - margin) * margin;
        weight = nn.Parameter(torch.empty(classCount, embeddingSize));
        using (torch.no_grad())
        {
            weight.normal_(0, 0.01, initialisation);
        }
        RegisterComponents();
    }

    public int EmbeddingSize { get; }

    public int ClassCount { get; }

    public double Scale { get; }

    public double Margin { get; }

    /// <summary>Mean ArcFace cross-entropy of <paramref name="embeddings"/> [B, D] against int64 <paramref name="labels"/> [B].</summary>
    public override Tensor forward(Tensor embeddings, Tensor labels)
    {
        if (embeddings.dim() != 2 || embeddings.shape[0] < 1 || embeddings.shape[1] != EmbeddingSize)
        {
            throw new ArgumentException($"embeddings must be [B, {EmbeddingSize}]; got [{string.Join(", ", embeddings.shape)}]", nameof(embeddings));
        }
        if (labels.dtype != ScalarType.Int64 || labels.dim() != 1 || labels.shape[0] != embeddings.shape[0])
        {
            throw new ArgumentException($"labels must be an int64 tensor [{embeddings.shape[0]}]; got {labels.dtype} [{string.Join(", ", labels.shape)}]", nameof(labels));
        }
        using var scope = torch.NewDisposeScope();
        var cosines = F.normalize(embeddings, dim: 1).matmul(F.normalize(weight, dim: 1).t());
        var column = labels.unsqueeze(1);
        var target = cosines.gather(1, column);
        // The floor keeps the square root's gradient finite when an embedding sits exactly on a centre (sin = 0).
        var sine = target.square().neg_().add_(1).clamp_min_(SineSquaredFloor).sqrt_();
        var withMargin = target.mul(cosMargin).sub_(sine.mul(sinMargin));
        var adjusted = torch.where(target.gt(threshold), withMargin, target.sub(fallbackPenalty));
        var logits = cosines.scatter(1, column, adjusted).mul_(Scale);
        return F.cross_entropy(logits, labels).MoveToOuterDisposeScope();
    }

    /// <summary>The class centres: L2-normalised weight rows [ClassCount, D], detached (a new tensor the caller owns).</summary>
    public Tensor ClassCentres()
    {
        using var noGrad = torch.no_grad();
        return F.normalize(weight.detach(), dim: 1);
    }
}
