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

    /// <summary>The KD objective when it keeps a queue; a stateless one is left out, so its checkpoints stay as they were.</summary>
    public IReadOnlyDictionary<string, torch.nn.Module> StatefulModules { get; } = loss.CarriesState
        ? new Dictionary<string, torch.nn.Module> { ["loss"] = loss }
        : new Dictionary<string, torch.nn.Module>();

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
        if (terms.Contrastive is { } contrastive)
        {
            components["contrastive"] = contrastive;
        }
        return new LossTerms(terms.Total, components);
    }
}
