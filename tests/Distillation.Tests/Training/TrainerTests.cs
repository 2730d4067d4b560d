using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Training;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Training;

[Collection(ReproducibleTrainingCollection.Name)]
public sealed class TrainerTests
{
    private const int ImageSize = 8;
    private const int Classes = 4;

    private static readonly TrainingSettings Settings = new() { Epochs = 4, BatchSize = 16, LearningRate = 0.05, WarmupEpochs = 0.5, Seed = 3 };

    public TrainerTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public async Task TrainingLowersTheLossAndLearnsTheTask()
    {
        using var data = ToyData.Create(256, ImageSize, Classes, seed: 1);
        using var batches = new FaceSetBatchSource([data], Settings.BatchSize, new TrialRandomness(Settings.Seed), torch.CPU, randomFlip: false);
        var objective = new ToyObjective(ImageSize, Classes, Settings.Seed);

        var outcome = await new Trainer(objective, batches, Settings, null, []).RunAsync();

        Assert.Equal(4, outcome.EpochsCompleted);
        Assert.False(outcome.StoppedEarly);
        Assert.True(outcome.History[^1].Loss < outcome.History[0].Loss * 0.5, $"loss {outcome.History[0].Loss} -> {outcome.History[^1].Loss}");
        using var input = FaceKdGrid.Distillation.Data.FaceTensors.ToModelInput(data.Images, torch.CPU);
        Assert.True(objective.Accuracy(input, data.Labels!) > 0.9);
    }

    [Fact]
    public async Task ResumingFromAMidRunCheckpointGivesTheSameRunAsTrainingStraightThrough()
    {
        using var data = ToyData.Create(192, ImageSize, Classes, seed: 2);
        using var batches = new FaceSetBatchSource([data], Settings.BatchSize, new TrialRandomness(Settings.Seed), torch.CPU);
        var straight = await new Trainer(new ToyObjective(ImageSize, Classes, Settings.Seed), batches, Settings, null, []).RunAsync();

        var stopper = new CheckpointAndStop(afterEpoch: 2);
        await new Trainer(new ToyObjective(ImageSize, Classes, Settings.Seed), batches, Settings, null, [stopper]).RunAsync();
        var saved = new MemoryStream();
        stopper.Checkpoint!.WriteTo(saved);
        saved.Position = 0;
        var resumed = await new Trainer(new ToyObjective(ImageSize, Classes, seed: 99), batches, Settings, null, [])
            .RunAsync(TrainingCheckpoint.ReadFrom(saved));

        Assert.Equal((0, 2), (straight.ResumedFromEpoch, resumed.ResumedFromEpoch));
        Assert.Equal(straight.History.Count, resumed.History.Count);
        for (var i = 0; i < straight.History.Count; i++)
        {
            Assert.Equal(straight.History[i].Loss, resumed.History[i].Loss, 1e-9);
            Assert.Equal(straight.History[i].LearningRate, resumed.History[i].LearningRate, 1e-12);
        }
    }

    [Fact]
    public async Task ANaNLossEndsTheRunAsDivergedNamingTheEpoch()
    {
        using var data = ToyData.Create(64, ImageSize, Classes, seed: 3);
        using var batches = new FaceSetBatchSource([data], Settings.BatchSize, new TrialRandomness(Settings.Seed), torch.CPU);
        var objective = new ToyObjective(ImageSize, Classes, Settings.Seed) { PoisonFromEpoch = 1 };

        var error = await Assert.ThrowsAsync<TrainingDivergedException>(() => new Trainer(objective, batches, Settings, null, []).RunAsync());

        Assert.Equal(2, error.Epoch);
        Assert.StartsWith("diverged", error.Message);
    }

    [Fact]
    public async Task ACallbackCanStopTheRunEarly()
    {
        using var data = ToyData.Create(64, ImageSize, Classes, seed: 4);
        using var batches = new FaceSetBatchSource([data], Settings.BatchSize, new TrialRandomness(Settings.Seed), torch.CPU);

        var outcome = await new Trainer(new ToyObjective(ImageSize, Classes, 1), batches, Settings, null, [new CheckpointAndStop(afterEpoch: 1)]).RunAsync();

        Assert.Equal(1, outcome.EpochsCompleted);
        Assert.Equal("asked to stop", outcome.StopReason);
    }

    [Fact]
    public async Task ACheckpointOfAnotherModelIsRefused()
    {
        using var data = ToyData.Create(64, ImageSize, Classes, seed: 5);
        using var batches = new FaceSetBatchSource([data], Settings.BatchSize, new TrialRandomness(Settings.Seed), torch.CPU);
        var stopper = new CheckpointAndStop(afterEpoch: 1);
        await new Trainer(new ToyObjective(ImageSize, Classes, 1), batches, Settings, null, [stopper],
            new Dictionary<string, string> { ["student"] = "a" }).RunAsync();

        var other = new Trainer(new ToyObjective(ImageSize, Classes, 1), batches, Settings, null, [],
            new Dictionary<string, string> { ["student"] = "b" });
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => other.RunAsync(stopper.Checkpoint));

        Assert.Contains("student=a", error.Message);
    }

    [Theory]
    [InlineData("Epochs")]
    [InlineData("BatchSize")]
    [InlineData("LearningRate")]
    [InlineData("WarmupEpochs")]
    public void InvalidSettingsNameTheSetting(string name)
    {
        var settings = name switch
        {
            "Epochs" => Settings with { Epochs = 0 },
            "BatchSize" => Settings with { BatchSize = 1 },
            "LearningRate" => Settings with { LearningRate = double.NaN },
            _ => Settings with { WarmupEpochs = 10 },
        };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => settings.Validate());
        Assert.Equal(name, error.ParamName);
    }
}
