using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FaceKdGrid.Distillation.Losses;

/// <summary>
/// Direct feature distillation: the batch mean of 1 - cos(s, t) between projected student embeddings s and teacher
/// embeddings t (both [B, D]); the teacher side is a constant.
/// </summary>
public sealed class FeatureKdLoss : nn.Module<Tensor, Tensor, Tensor>
{
    public FeatureKdLoss()
        : base(nameof(FeatureKdLoss))
    {
    }

    public override Tensor forward(Tensor student, Tensor teacher)
    {
        EmbeddingPair.Require(student, teacher);
        using var target = teacher.detach();
        using var cosine = F.cosine_similarity(student, target, dim: 1);
        using var distance = cosine.neg().add_(1);
        return distance.mean();
    }
}
