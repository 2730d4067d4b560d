using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Evaluation;

/// <summary>
/// Label-free agreement of two embedders (a teacher and a student, say) on the same faces: whether they arrange the
/// faces alike. Needs no identities, so it works on small sets of real, unlabeled faces. Both measures are unchanged
/// by any rotation or scaling of either embedding space, and the two spaces may differ in dimension.
/// </summary>
public static class EmbeddingAgreement
{
    /// <param name="first">Embeddings [N, D1] of N faces, N at least 3.</param>
    /// <param name="second">Embeddings [N, D2] of the same faces in the same order.</param>
    public static EmbeddingAgreementResult Compare(Tensor first, Tensor second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.dim() != 2 || first.shape[0] < 3)
        {
            throw new ArgumentException($"need embeddings [N, D] of at least 3 faces; got [{string.Join(", ", first.shape)}]", nameof(first));
        }
        if (second.dim() != 2 || second.shape[0] != first.shape[0])
        {
            throw new ArgumentException($"need embeddings [{first.shape[0]}, D] of the same faces; got [{string.Join(", ", second.shape)}]", nameof(second));
        }
        using var scope = torch.NewDisposeScope();
        var count = first.shape[0];
        var firstSimilarities = CosineSimilarities(first);
        var secondSimilarities = CosineSimilarities(second);

        var upper = torch.ones(count, count, dtype: ScalarType.Bool).triu(1);
        var correlation = PearsonCorrelation(firstSimilarities.masked_select(upper), secondSimilarities.masked_select(upper));

        // A face is never its own neighbour.
        var self = torch.eye(count, dtype: ScalarType.Bool);
        var firstNeighbours = firstSimilarities.masked_fill(self, double.NegativeInfinity).argmax(1);
        var secondNeighbours = secondSimilarities.masked_fill(self, double.NegativeInfinity).argmax(1);
        var neighbourAgreement = firstNeighbours.eq(secondNeighbours).to_type(ScalarType.Float64).mean().item<double>();

        return new EmbeddingAgreementResult((int)count, correlation, neighbourAgreement);
    }

    /// <summary>Embeds <paramref name="faces"/> with both models (<see cref="FaceEmbeddings.Compute"/>) and compares them.</summary>
    public static EmbeddingAgreementResult Compare(FaceEmbedder first, FaceEmbedder second, FaceSet faces, Device device, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(first);
        RequireEnoughFaces(faces);
        using var firstEmbeddings = FaceEmbeddings.Compute(first, faces, device, batchSize);
        return Compare(firstEmbeddings, second, faces, device, batchSize);
    }

    /// <summary>
    /// Embeds <paramref name="faces"/> with <paramref name="second"/> and compares it with <paramref name="firstEmbeddings"/>
    /// of the same faces, computed once (e.g. a frozen teacher's, compared with a student before and after training).
    /// </summary>
    public static EmbeddingAgreementResult Compare(Tensor firstEmbeddings, FaceEmbedder second, FaceSet faces, Device device, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(firstEmbeddings);
        ArgumentNullException.ThrowIfNull(second);
        RequireEnoughFaces(faces);
        using var secondEmbeddings = FaceEmbeddings.Compute(second, faces, device, batchSize);
        return Compare(firstEmbeddings, secondEmbeddings);
    }

    private static void RequireEnoughFaces(FaceSet faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        if (faces.Count < 3)
        {
            throw new ArgumentException($"need at least 3 faces to compare how they are arranged; got {faces.Count}", nameof(faces));
        }
    }

    /// <summary>[N, N] cosine similarities in float64, on the CPU.</summary>
    private static Tensor CosineSimilarities(Tensor embeddings)
    {
        var unit = nn.functional.normalize(embeddings.to(torch.CPU).to_type(ScalarType.Float64), dim: 1);
        return unit.matmul(unit.t());
    }

    private static double PearsonCorrelation(Tensor x, Tensor y)
    {
        var centredX = x.sub(x.mean());
        var centredY = y.sub(y.mean());
        var spread = centredX.square().sum().mul(centredY.square().sum()).sqrt().item<double>();
        return spread == 0 ? double.NaN : centredX.mul(centredY).sum().item<double>() / spread;
    }
}
