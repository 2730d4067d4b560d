using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Bench;

/// <summary>
/// MobileFaceNet training steps on a fixed random batch against a fixed random target with the feature-KD loss
/// (1 - cos), SGD lr 0.1, momentum 0.9, weight decay 5e-4: the work bench/peers/train_mobilefacenet.py does.
/// </summary>
internal static class MobileFaceNetTraining
{
    public const int EmbeddingSize = 128;

    private const double LearningRate = 0.1;
    private const double Momentum = 0.9;
    private const double WeightDecay = 5e-4;
    private const long Seed = 0;

    public static long CountParameters(BenchSettings settings)
    {
        using var model = new MobileFaceNet(Config(settings));
        return ModelStatistics.CountParameters(model);
    }

    /// <summary>The loop the PyTorch peer runs, step for step (gradients set to none, as the peer does).</summary>
    public static StepRate MeasureLoop(BenchDevice device, BenchSettings settings)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(Seed);
        var model = new MobileFaceNet(Config(settings));
        model.to(device.Device).train();
        var images = torch.randn([settings.Batch, 3, settings.Size, settings.Size], device: device.Device);
        var target = torch.randn([settings.Batch, EmbeddingSize], device: device.Device);
        var loss = new FeatureKdLoss();
        var optimizer = torch.optim.SGD(model.parameters(), LearningRate, Momentum, weight_decay: WeightDecay);

        void Step()
        {
            using var stepScope = torch.NewDisposeScope();
            model.zero_grad();
            loss.call(model.call(images), target).backward();
            optimizer.step();
        }

        for (var step = 0; step < settings.Warmup; step++)
        {
            Step();
        }
        var time = device.Time(() =>
        {
            for (var step = 0; step < settings.Steps; step++)
            {
                Step();
            }
        });
        return new StepRate(settings.Steps, settings.Batch, time);
    }

    /// <summary>
    /// The same work through the engine's <see cref="Trainer"/> and <see cref="DistillationObjective"/> (adds what a
    /// trial really does per step: cosine learning rate, gradient clipping at norm 5, loss bookkeeping). The first
    /// epoch warms up; the second is timed.
    /// </summary>
    public static async Task<StepRate> MeasureTrainerAsync(BenchDevice device, BenchSettings settings)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(Seed);
        var model = new MobileFaceNet(Config(settings));
        model.to(device.Device);
        var projection = new ProjectionHead(EmbeddingSize, EmbeddingSize);
        var images = torch.randn([settings.Batch, 3, settings.Size, settings.Size], device: device.Device);
        var target = torch.randn([settings.Batch, EmbeddingSize], device: device.Device);
        var objective = new DistillationObjective(model, projection, new FixedTeacherTargets(target), new KdObjective(new KdLossSettings(KdLossKind.Feature)));
        var training = new TrainingSettings
        {
            Epochs = 2, BatchSize = settings.Batch, LearningRate = LearningRate, Momentum = Momentum, WeightDecay = WeightDecay, Seed = Seed,
        };
        var cpuClock = new EpochCpuClock();
        var outcome = await new Trainer(objective, new FixedBatchSource(images, settings.Steps), training, evaluate: null, callbacks: [cpuClock]).RunAsync();
        var seconds = settings.Steps * (double)settings.Batch / outcome.History[^1].ImagesPerSecond;
        return new StepRate(settings.Steps, settings.Batch, new Timing(seconds, cpuClock.EpochEnds[^1] - cpuClock.EpochEnds[^2]));
    }

    private static MobileFaceNetConfig Config(BenchSettings settings) => new(settings.Width, 1.0, settings.Size, EmbeddingSize);
}
