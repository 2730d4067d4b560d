using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Evaluation;

/// <summary>
/// Runs an embedding function over a verification set and scores it with <see cref="LfwProtocol"/>. Each image's
/// embedding is the L2-normalised sum of the embeddings of the image and of its horizontal flip (InsightFace's
/// "accuracy-flip"); a pair's similarity is the cosine of its two embeddings.
/// </summary>
public static class VerificationEvaluator
{
    /// <param name="embed">Maps model input [B, 3, S, S] (<see cref="FaceTensors.ToModelInput"/>) on <paramref name="device"/> to embeddings [B, D].</param>
    /// <param name="batchSize">Images per forward pass, rounded down to whole pairs; the flipped copies go in a second pass.</param>
    /// <param name="falseAcceptRate">The FAR to report the TAR at; null: the smallest the set's mismatched pairs support.</param>
    public static VerificationResult Evaluate(Func<Tensor, Tensor> embed, VerificationSet set, Device device, int batchSize, double? falseAcceptRate = null)
    {
        var similarities = PairSimilarities(embed, set, device, batchSize);
        return LfwProtocol.Score(similarities, set.IsSame, set.FoldCount, falseAcceptRate);
    }

    /// <summary>Evaluates <paramref name="model"/> in eval mode, restoring its previous training mode afterwards.</summary>
    public static VerificationResult Evaluate(FaceEmbedder model, VerificationSet set, Device device, int batchSize, double? falseAcceptRate = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(set);
        if (set.ImageSize != model.InputSize && !model.AcceptsAnyInputSize)
        {
            throw new ArgumentException($"the set's images are {set.ImageSize} px but the model takes {model.InputSize} px", nameof(set));
        }
        return FaceEmbeddings.InEvalMode(model, () => Evaluate(model.call, set, device, batchSize, falseAcceptRate));
    }

    /// <summary>The cosine similarity of every pair, in pair order, computed under no_grad in bounded memory.</summary>
    public static float[] PairSimilarities(Func<Tensor, Tensor> embed, VerificationSet set, Device device, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(embed);
        ArgumentNullException.ThrowIfNull(set);
        if (batchSize < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "a batch must hold at least one pair (2 images)");
        }
        var pairsPerBatch = batchSize / 2;
        var similarities = new float[set.PairCount];
        using var noGrad = torch.no_grad();
        for (var first = 0; first < set.PairCount; first += pairsPerBatch)
        {
            using var scope = torch.NewDisposeScope();
            var count = Math.Min(pairsPerBatch, set.PairCount - first);
            var input = FaceTensors.ToModelInput(set.Images.narrow(0, 2L * first, 2L * count), device);
            var unit = FaceEmbeddings.FlipSum(embed, input).view(count, 2, -1);
            var cosines = unit[TensorIndex.Colon, 0].mul(unit[TensorIndex.Colon, 1]).sum(1).to(torch.CPU);
            cosines.data<float>().CopyTo(similarities, first);
        }
        return similarities;
    }
}
