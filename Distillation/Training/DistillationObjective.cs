using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Teaching;
using TorchSharp;

namespace FaceKdGrid.Distillation.Training;

/// <summary>
/// Label-free distillation: the student's embeddings, projected to the teacher's dimension, are pulled towards
/// the teacher's view of the same (augmented) batch through the KD objective. Labels, if any, are ignored.
/// </summary>
public sealed class DistillationObjective(FaceEmbedder student, ProjectionHead projection, ITeacherTargets teacher, KdObjective loss)
    : ITrainingObjective
{
    public IReadOnlyDictionary<string, torch.nn.Module> TrainableModules { get; } =
        new Dictionary<string, torch.nn.Module> { ["student"] = student, ["projection"] = projection };

    public LossTerms ComputeLoss(TrainingBatch batch)
    {
        var targets = teacher.For(batch);
        var terms = loss.call(projection.call(student.call(batch.Input)), targets);
        var components = new Dictionary<string, torch.Tensor>();
        if (terms.Feature is { } feature)
        {
            components["feature"] = feature;
        }
        if (terms.Indirect is { } indirect)
        {
            components["indirect"] = indirect;
        }
        return new LossTerms(terms.Total, components);
    }
}
