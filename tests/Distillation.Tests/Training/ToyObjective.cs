using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Training;

/// <summary>A linear classifier on flattened crops: the smallest real objective for exercising the trainer.</summary>
internal sealed class ToyObjective : ITrainingObjective
{
    private readonly nn.Module<Tensor, Tensor> model;

    public ToyObjective(int imageSize, int classes, long seed)
    {
        var linear = nn.Linear(3L * imageSize * imageSize, classes);
        using var generator = new Generator((ulong)seed);
        WeightInitialisation.TorchDefault(linear.weight, linear.bias, generator);
        model = nn.Sequential(nn.Flatten(), linear);
    }

    /// <summary>From this 0-based epoch on, the loss is NaN (to exercise divergence handling).</summary>
    public int? PoisonFromEpoch { get; init; }

    public IReadOnlyDictionary<string, nn.Module> TrainableModules => new Dictionary<string, nn.Module> { ["model"] = model };

    public LossTerms ComputeLoss(TrainingBatch batch)
    {
        var loss = nn.functional.cross_entropy(model.call(batch.Input), batch.Labels!);
        if (batch.Epoch >= PoisonFromEpoch)
        {
            loss = loss * double.NaN;
        }
        return LossTerms.Single("cross_entropy", loss);
    }

    public double Accuracy(Tensor input, Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        model.eval();
        return model.call(input).argmax(1).eq(labels).to(ScalarType.Float32).mean().item<float>();
    }
}
