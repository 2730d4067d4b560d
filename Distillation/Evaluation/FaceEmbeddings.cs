using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Evaluation;

/// <summary>
/// Face embeddings as evaluation defines them: the L2-normalised sum of the embeddings of an image and of its
/// horizontal flip (InsightFace's "accuracy-flip"), computed with the model in eval mode.
/// </summary>
public static class FaceEmbeddings
{
    /// <summary>
    /// Unit embeddings [N, D] (float32, on the CPU) of every face in <paramref name="faces"/>, in bounded memory. Faces
    /// are resized (bilinearly, antialiased when shrinking) to the model's input size unless it takes any size itself.
    /// </summary>
    public static Tensor Compute(FaceEmbedder model, FaceSet faces, Device device, int batchSize) =>
        Map(model, faces, device, batchSize, input => FlipSum(model.call, input));

    /// <summary>
    /// The model's own embeddings [N, D] (float32, on the CPU, not normalised) of every face, each plus its horizontal
    /// flip's when <paramref name="addFlip"/> is set: what a user exports (facekd embed). Resized as in <see cref="Compute"/>.
    /// </summary>
    public static Tensor ComputeRaw(FaceEmbedder model, FaceSet faces, Device device, int batchSize, bool addFlip) =>
        Map(model, faces, device, batchSize, input => addFlip ? Embed(model.call, input).add(Embed(model.call, input.flip(3))) : Embed(model.call, input));

    /// <summary>Runs <paramref name="embedBatch"/> on every batch of model input, in eval mode, under no_grad, in bounded memory.</summary>
    private static Tensor Map(FaceEmbedder model, FaceSet faces, Device device, int batchSize, Func<Tensor, Tensor> embedBatch)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(faces);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var inputSize = model.AcceptsAnyInputSize ? faces.ImageSize : model.InputSize;
        return InEvalMode(model, () =>
        {
            using var noGrad = torch.no_grad();
            var batches = new List<Tensor>();
            try
            {
                for (var first = 0; first < faces.Count; first += batchSize)
                {
                    using var scope = torch.NewDisposeScope();
                    var input = FaceTensors.ToModelInput(faces.Images.narrow(0, first, Math.Min(batchSize, faces.Count - first)), device);
                    if (input.shape[2] != inputSize)
                    {
                        input = nn.functional.interpolate(input, [inputSize, inputSize], mode: InterpolationMode.Bilinear,
                            align_corners: false, antialias: input.shape[2] > inputSize);
                    }
                    batches.Add(embedBatch(input).to(torch.CPU).MoveToOuterDisposeScope());
                }
                return batches.Count == 0 ? torch.empty(0, model.EmbeddingSize) : torch.cat(batches, 0);
            }
            finally
            {
                batches.ForEach(batch => batch.Dispose());
            }
        });
    }

    /// <summary>Unit flip-sum embeddings [B, D] (float32) of model input [B, 3, S, S].</summary>
    internal static Tensor FlipSum(Func<Tensor, Tensor> embed, Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var sum = Embed(embed, input).add(Embed(embed, input.flip(3)));
        return nn.functional.normalize(sum, dim: 1).MoveToOuterDisposeScope();
    }

    /// <summary>Runs <paramref name="body"/> with <paramref name="model"/> in eval mode, restoring its training mode afterwards.</summary>
    internal static T InEvalMode<T>(FaceEmbedder model, Func<T> body)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            return body();
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    private static Tensor Embed(Func<Tensor, Tensor> embed, Tensor input)
    {
        var output = embed(input);
        if (output.dim() != 2 || output.shape[0] != input.shape[0])
        {
            throw new InvalidOperationException($"the embedding function must return [{input.shape[0]}, D]; got [{string.Join(", ", output.shape)}]");
        }
        return output.to_type(ScalarType.Float32);
    }
}
