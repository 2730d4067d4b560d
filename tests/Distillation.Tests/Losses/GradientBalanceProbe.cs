using FaceKdGrid.Distillation.Losses;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FaceKdGrid.Distillation.Tests.Losses;

/// <summary>
/// Measures how hard each KD term pulls on the student embedding: the L2 norm of the gradient of the batch-mean
/// term with respect to the student embeddings [B, D], on constructed embeddings. D = 128, K = 200 unit prototypes
/// drawn uniformly on the sphere, a batch of 64 teacher embeddings, and students at an exact cosine to their
/// teacher (teacher rotated towards a random orthogonal direction). All draws come from one seeded generator.
/// </summary>
internal static class GradientBalanceProbe
{
    public const int Dimension = 128;
    public const int PrototypeCount = 200;
    public const int BatchSize = 64;

    /// <summary>Student-teacher cosines from early training (0.5) to nearly converged (0.95).</summary>
    public static readonly double[] Cosines = [0.5, 0.7, 0.9, 0.95];

    /// <summary>
    /// Gradient norms of the unweighted feature term (1 - cos) and indirect term at (scale, temperature).
    /// <paramref name="nearPrototypes"/> places each teacher embedding at cosine 0.7 to a random prototype (faces near
    /// their class centre, as under an ArcFace teacher); otherwise teacher embeddings are uniform on the sphere.
    /// </summary>
    public static (double Feature, double Indirect) Norms(double scale, double temperature, double cosine, bool nearPrototypes, long seed = 1)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var prototypes = F.normalize(torch.randn(PrototypeCount, Dimension, generator: generator), dim: 1);
        var teacher = F.normalize(torch.randn(BatchSize, Dimension, generator: generator), dim: 1);
        if (nearPrototypes)
        {
            var classes = torch.randint(PrototypeCount, [BatchSize], generator: generator);
            teacher = Rotate(prototypes.index_select(0, classes), 0.7, generator);
        }
        var student = Rotate(teacher, cosine, generator);
        return (GradientNorm(new FeatureKdLoss(), student, teacher), GradientNorm(new IndirectKdLoss(prototypes, scale, temperature), student, teacher));
    }

    /// <summary>Unit rows at exactly <paramref name="cosine"/> to the unit rows of <paramref name="from"/>.</summary>
    private static Tensor Rotate(Tensor from, double cosine, Generator generator)
    {
        var direction = torch.randn(from.shape, generator: generator);
        var orthogonal = F.normalize(direction.sub(from.mul(direction.mul(from).sum(1, keepdim: true))), dim: 1);
        return from.mul(cosine).add(orthogonal, alpha: Math.Sqrt(1 - cosine * cosine));
    }

    private static double GradientNorm(nn.Module<Tensor, Tensor, Tensor> term, Tensor student, Tensor teacher)
    {
        using (term)
        {
            var leaf = student.detach().requires_grad_();
            term.call(leaf, teacher).backward();
            return leaf.grad!.norm().item<float>();
        }
    }
}
