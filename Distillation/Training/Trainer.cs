using System.Diagnostics;
using FaceKdGrid.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Training;

/// <summary>
/// The training loop shared by teacher training and distillation: for each batch forward, loss, backward, step;
/// after each epoch validation and callbacks (logging, checkpoints, progress, early stopping). One dispose scope
/// per batch keeps memory flat; a NaN or infinite loss ends the run as diverged.
/// </summary>
public sealed partial class Trainer
{
    /// <summary>How often (in batches) the loss is checked for NaN; checking forces a device sync.</summary>
    private const int DivergenceCheckInterval = 20;

    private readonly ITrainingObjective objective;
    private readonly IBatchSource data;
    private readonly TrainingSettings settings;
    private readonly Func<EpochValidation>? evaluate;
    private readonly IReadOnlyList<ITrainingCallback> callbacks;
    private readonly IReadOnlyDictionary<string, string> properties;
    private readonly ILogger logger;

    /// <param name="evaluate">Measures the model on the validation pairs after each epoch (null: no validation).</param>
    /// <param name="properties">Identify what is trained; stored in checkpoints and checked on resume.</param>
    public Trainer(ITrainingObjective objective, IBatchSource data, TrainingSettings settings, Func<EpochValidation>? evaluate,
        IReadOnlyList<ITrainingCallback> callbacks, IReadOnlyDictionary<string, string>? properties = null, ILogger? logger = null)
    {
        this.objective = objective;
        this.data = data;
        this.settings = settings.Validate();
        this.evaluate = evaluate;
        this.callbacks = callbacks;
        this.properties = properties ?? new Dictionary<string, string>();
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Trains from scratch, or continues after <paramref name="resumeFrom"/>'s last epoch.</summary>
    public async Task<TrainingOutcome> RunAsync(TrainingCheckpoint? resumeFrom = null, CancellationToken cancellationToken = default)
    {
        var parameters = objective.TrainableModules.Values.SelectMany(m => m.parameters()).ToList();
        using var optimizer = torch.optim.SGD(parameters, settings.LearningRate, settings.Momentum, weight_decay: settings.WeightDecay);
        var checkpointed = CheckpointedModules();
        var history = new List<EpochMetrics>();
        var step = 0L;
        var firstEpoch = 0;
        if (resumeFrom is not null)
        {
            CheckCompatible(resumeFrom);
            resumeFrom.Restore(checkpointed, optimizer);
            history.AddRange(resumeFrom.History);
            step = resumeFrom.Step;
            firstEpoch = resumeFrom.EpochsCompleted;
            LogResumed(logger, firstEpoch, step);
        }
        var totalSteps = (long)settings.Epochs * data.BatchesPerEpoch;
        var warmupSteps = (long)Math.Round(settings.WarmupEpochs * data.BatchesPerEpoch);

        for (var epoch = firstEpoch; epoch < settings.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var (loss, components, learningRate) = TrainEpoch(epoch, optimizer, parameters, ref step, totalSteps, warmupSteps, cancellationToken);
            var trainSeconds = clock.Elapsed.TotalSeconds;
            var validation = evaluate?.Invoke();
            var metrics = new EpochMetrics(epoch + 1, loss, components, learningRate,
                (double)data.BatchesPerEpoch * settings.BatchSize / trainSeconds, clock.Elapsed.TotalSeconds, validation)
            {
                EndedAt = DateTimeOffset.UtcNow,
            };
            history.Add(metrics);
            LogEpoch(logger, metrics.Epoch, settings.Epochs, loss, validation?.Accuracy ?? double.NaN, metrics.ImagesPerSecond);

            var stepAfterEpoch = step;
            var snapshot = history.ToList();
            var context = new EpochEndContext(metrics, snapshot, settings.Epochs,
                () => TrainingCheckpoint.Capture(checkpointed, optimizer, metrics.Epoch, stepAfterEpoch, snapshot, properties));
            foreach (var callback in callbacks)
            {
                await callback.OnEpochEndAsync(context, cancellationToken);
            }
            if (context.StopReason is { } reason)
            {
                LogStopped(logger, metrics.Epoch, reason);
                return new TrainingOutcome(history, reason, context.CaptureCheckpoint(), firstEpoch);
            }
        }
        return new TrainingOutcome(history, null, TrainingCheckpoint.Capture(checkpointed, optimizer, history.Count, step, history, properties), firstEpoch);
    }

    private (double Loss, IReadOnlyDictionary<string, double> Components, double LearningRate) TrainEpoch(
        int epoch, OptimizerHelper optimizer, IReadOnlyList<Parameter> parameters, ref long step, long totalSteps, long warmupSteps,
        CancellationToken cancellationToken)
    {
        foreach (var module in objective.TrainableModules.Values)
        {
            module.train();
        }
        using var lossSum = new DeviceSum();
        var componentSums = new Dictionary<string, DeviceSum>();
        var learningRate = 0.0;
        try
        {
            for (var index = 0; index < data.BatchesPerEpoch; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = torch.NewDisposeScope();
                learningRate = LearningRateSchedule.At(step, totalSteps, warmupSteps, settings.LearningRate);
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = learningRate;
                }
                var batch = data.GetBatch(epoch, index);
                var terms = objective.ComputeLoss(batch);
                // Setting gradients to none launches nothing, unlike zeroing them in place.
                foreach (var module in objective.TrainableModules.Values)
                {
                    module.zero_grad(set_to_none: true);
                }
                terms.Total.backward();
                if (settings.GradientClipNorm > 0)
                {
                    GradientClipping.ClipByGlobalNorm(parameters, settings.GradientClipNorm);
                }
                optimizer.step();
                step++;

                lossSum.Add(terms.Total);
                foreach (var (name, value) in terms.Components)
                {
                    if (!componentSums.TryGetValue(name, out var sum))
                    {
                        sum = new DeviceSum();
                        componentSums[name] = sum;
                    }
                    sum.Add(value);
                }
                if ((index + 1) % DivergenceCheckInterval == 0)
                {
                    ThrowIfDiverged(epoch, lossSum.Value);
                }
            }
            var meanLoss = lossSum.Value / data.BatchesPerEpoch;
            ThrowIfDiverged(epoch, meanLoss);
            var components = componentSums.ToDictionary(c => c.Key, c => c.Value.Value / data.BatchesPerEpoch);
            return (meanLoss, components, learningRate);
        }
        finally
        {
            foreach (var sum in componentSums.Values)
            {
                sum.Dispose();
            }
        }
    }

    /// <summary>The trainable modules and the objective's stateful ones: everything a checkpoint holds.</summary>
    private Dictionary<string, nn.Module> CheckpointedModules()
    {
        var modules = new Dictionary<string, nn.Module>(objective.TrainableModules);
        foreach (var (name, module) in objective.StatefulModules)
        {
            if (!modules.TryAdd(name, module))
            {
                throw new InvalidOperationException($"the objective names two checkpointed modules '{name}'");
            }
        }
        return modules;
    }

    private static void ThrowIfDiverged(int epoch, double loss)
    {
        if (!double.IsFinite(loss))
        {
            throw new TrainingDivergedException(epoch + 1, loss);
        }
    }

    private void CheckCompatible(TrainingCheckpoint checkpoint)
    {
        foreach (var (key, value) in properties)
        {
            if (checkpoint.Properties.TryGetValue(key, out var saved) && saved != value)
            {
                throw new InvalidDataException($"checkpoint was made with {key}={saved}, but this run has {key}={value}");
            }
        }
        if (checkpoint.EpochsCompleted > settings.Epochs)
        {
            throw new InvalidDataException($"checkpoint is after epoch {checkpoint.EpochsCompleted}, beyond this run's {settings.Epochs} epochs");
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Resuming after epoch {Epoch} (step {Step})")]
    private static partial void LogResumed(ILogger logger, int epoch, long step);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Epoch {Epoch}/{Epochs}: loss {Loss:F4}, validation accuracy {ValidationAccuracy:F4}, {ImagesPerSecond:F0} img/s")]
    private static partial void LogEpoch(ILogger logger, int epoch, int epochs, double loss, double validationAccuracy, double imagesPerSecond);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Stopped after epoch {Epoch}: {Reason}")]
    private static partial void LogStopped(ILogger logger, int epoch, string reason);
}
