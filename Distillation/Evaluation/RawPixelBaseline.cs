using FaceKdGrid.Distillation.Data;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Evaluation;

/// <summary>
/// The "raw pixels" reference: the flattened normalised image as the embedding, scored through the same path as a
/// model (flip-sum, cosine, LFW folds). A method that does not beat it has learned nothing about identity.
/// </summary>
public static class RawPixelBaseline
{
    private const int BatchSize = 256;

    public static VerificationResult Evaluate(VerificationSet set) =>
        VerificationEvaluator.Evaluate(input => input.flatten(1), set, CPU, BatchSize);
}
