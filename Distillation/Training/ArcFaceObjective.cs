using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Models;
using TorchSharp;

namespace FaceKdGrid.Distillation.Training;

/// <summary>Teacher training with labels: the backbone's embeddings through an ArcFace margin head.</summary>
public sealed class ArcFaceObjective(FaceEmbedder model, ArcFaceHead head) : ITrainingObjective
{
    public IReadOnlyDictionary<string, torch.nn.Module> TrainableModules { get; } =
        new Dictionary<string, torch.nn.Module> { ["model"] = model, ["head"] = head };

    public LossTerms ComputeLoss(TrainingBatch batch)
    {
        var labels = batch.Labels ?? throw new InvalidOperationException("ArcFace training needs labeled data, but the batch has no labels");
        return LossTerms.Single("arcface", head.call(model.call(batch.Input), labels));
    }
}
