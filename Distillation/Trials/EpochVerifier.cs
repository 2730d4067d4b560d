using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Training;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Trials;

/// <summary>Per-epoch verification of a model being trained, reported to the trainer as an <see cref="EpochEvaluation"/>.</summary>
internal sealed class EpochVerifier(FaceEmbedder model, Data.VerificationSet pairs, Device device, int batchSize)
{
    public VerificationResult? Last { get; private set; }

    public VerificationResult Measure() => VerificationEvaluator.Evaluate(model, pairs, device, batchSize);

    public EpochEvaluation Evaluate()
    {
        var result = Measure();
        Last = result;
        return new EpochEvaluation(result.Accuracy, result.AccuracyStd, result.TarAtFar1e3);
    }
}
