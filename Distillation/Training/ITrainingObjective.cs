using TorchSharp;

namespace FaceKdGrid.Distillation.Training;

/// <summary>What is trained and how its loss is computed; the <see cref="Trainer"/> owns everything else.</summary>
public interface ITrainingObjective
{
    /// <summary>The modules whose parameters are optimised and checkpointed, by checkpoint name.</summary>
    IReadOnlyDictionary<string, torch.nn.Module> TrainableModules { get; }

    /// <summary>The loss for one batch, with its autograd graph, and its named components.</summary>
    LossTerms ComputeLoss(TrainingBatch batch);
}
