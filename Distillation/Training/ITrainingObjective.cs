using System.Collections.Frozen;
using TorchSharp;

namespace FaceKdGrid.Distillation.Training;

/// <summary>What is trained and how its loss is computed; the <see cref="Trainer"/> owns everything else.</summary>
public interface ITrainingObjective
{
    /// <summary>The modules whose parameters are optimised and checkpointed, by checkpoint name.</summary>
    IReadOnlyDictionary<string, torch.nn.Module> TrainableModules { get; }

    /// <summary>
    /// Modules that are not optimised but carry state from batch to batch (e.g. a loss's queue of earlier teacher
    /// embeddings), by checkpoint name: checkpointed with the trainable ones so a run resumes exactly. Usually none.
    /// </summary>
    IReadOnlyDictionary<string, torch.nn.Module> StatefulModules => FrozenDictionary<string, torch.nn.Module>.Empty;

    /// <summary>The loss for one batch, with its autograd graph, and its named components.</summary>
    LossTerms ComputeLoss(TrainingBatch batch);
}
