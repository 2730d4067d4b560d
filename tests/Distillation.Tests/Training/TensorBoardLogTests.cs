using FaceKdGrid.Distillation.Augmentation;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Synth;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Tests.Trials;
using FaceKdGrid.Distillation.Training;
using FaceKdGrid.Distillation.Trials;
using FaceKdGrid.TestSupport.TensorBoard;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Training;

/// <summary>
/// The event file a run leaves in the artifact store, read back by a reader of the TFRecord/Event format itself: its
/// scalars are the run's epoch metrics, and a resume rewrites the epochs after its checkpoint rather than adding them twice.
/// </summary>
public sealed class TensorBoardLogTests : IDisposable
{
    private const string Key = "runs/r1/" + TensorBoardLog.FileName;

    private readonly string root = Directory.CreateTempSubdirectory("facekd-tensorboard-test-").FullName;
    private readonly LocalFolderArtifactStore store;

    public TensorBoardLogTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        store = new LocalFolderArtifactStore(root);
    }

    [Fact]
    public async Task ATinyStudentTrialStoresItsEpochMetricsAsTensorBoardScalars()
    {
        var plan = TinyStudentTrialPlan.Plan;
        using var pool = plan.RenderPool();
        using var pairs = plan.RenderEvaluation();
        using var validation = plan.RenderValidation();
        using var teacher = new TeacherModel(ModelFactory.Create("iresnet:layers=1-1-1-1,width=0.25", 32, 128, new torch.Generator(1)), null, "untrained-teacher");
        var settings = new DistillationSettings() with
        {
            Loss = new KdLossSettings(KdLossKind.IndirectFeature),
            Augmentation = new AugmentationSettings(AugmentationMethod.ContentReplacement, 0.5),
            Training = new DistillationSettings().Training with { Epochs = 3, BatchSize = 32, Seed = 3 },
            PrototypeCount = 8,
        };
        var context = new TrialContext(torch.CPU) { Callbacks = [new TensorBoardLog(store, Key)] };

        var result = await StudentDistillation.RunAsync(settings, teacher, new DistillationData([pool], plan.PoolId, pairs) { Validation = validation }, context);

        var events = TfEventsReader.Read((await TensorBoardLog.ReadAsync(store, Key, CancellationToken.None))!);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        var scalars = events.Skip(1).ToList();
        Assert.All(scalars, scalar => Assert.Single(scalar.Scalars));
        var history = result.Outcome.History;
        Assert.Equal([1, 2, 3], history.Select(epoch => epoch.Epoch));
        Assert.Equal([1L, 2L, 3L], scalars.Select(scalar => scalar.Step).Distinct());
        foreach (var epoch in history)
        {
            var logged = scalars.Where(scalar => scalar.Step == epoch.Epoch).ToList();
            var validated = epoch.Validation!;
            var expected = new Dictionary<string, double>
            {
                ["loss/total"] = epoch.Loss,
                ["loss/feature"] = epoch.LossComponents["feature"],
                ["loss/indirect"] = epoch.LossComponents["indirect"],
                ["validation/accuracy"] = validated.Accuracy,
                ["validation/accuracy_std"] = validated.AccuracyStd,
                ["validation/tar"] = validated.Tar,
                ["validation/far"] = validated.Far,
                ["train/learning_rate"] = epoch.LearningRate,
                ["train/epoch_seconds"] = epoch.Seconds,
                ["train/images_per_second"] = epoch.ImagesPerSecond,
            };
            Assert.Equal(expected.Keys.Order(), logged.Select(scalar => scalar.Scalars[0].Tag).Order());
            foreach (var scalar in logged)
            {
                var (tag, value) = scalar.Scalars[0];
                Assert.True((float)expected[tag] == value, $"epoch {epoch.Epoch} {tag}: logged {value}, measured {expected[tag]}");
                Assert.Equal(epoch.EndedAt!.Value.ToUnixTimeSeconds(), scalar.WallTime);
            }
        }
        // The losses are real: the student learns, and the terms it logs are not all alike.
        Assert.True(history[^1].Loss < history[0].Loss, $"loss {history[0].Loss} after epoch 1, {history[^1].Loss} after epoch 3");
        Assert.NotEqual(history[0].LossComponents["feature"], history[0].LossComponents["indirect"]);
    }

    [Fact]
    public async Task AResumeFromAnEarlierCheckpointRewritesTheLaterEpochsInsteadOfLoggingThemTwice()
    {
        const int imageSize = 8;
        const int classes = 4;
        var settings = new TrainingSettings { Epochs = 3, BatchSize = 16, LearningRate = 0.05, WarmupEpochs = 0.5, Seed = 3 };
        using var data = ToyData.Create(128, imageSize, classes, seed: 1);
        using var batches = new FaceSetBatchSource([data], settings.BatchSize, new TrialRandomness(settings.Seed), torch.CPU);
        // A first attempt logs all three epochs, but the checkpoint the trial resumes from is the one after epoch 1 (as
        // when the newest are lost or corrupt), and the resumed attempt trains on at another learning rate.
        var first = await new Trainer(new ToyObjective(imageSize, classes, settings.Seed), batches, settings, null, [new TensorBoardLog(store, Key)]).RunAsync();
        var stopper = new CheckpointAndStop(afterEpoch: 1);
        await new Trainer(new ToyObjective(imageSize, classes, settings.Seed), batches, settings, null, [stopper]).RunAsync();

        var resumed = await new Trainer(new ToyObjective(imageSize, classes, settings.Seed), batches, settings with { LearningRate = 0.01 }, null,
            [new TensorBoardLog(store, Key)]).RunAsync(stopper.Checkpoint);

        var losses = TfEventsReader.Read((await TensorBoardLog.ReadAsync(store, Key, CancellationToken.None))!)
            .Where(record => record.Scalars.Count == 1 && record.Scalars[0].Tag == "loss/total")
            .ToList();
        Assert.Equal([1L, 2L, 3L], losses.Select(loss => loss.Step));
        Assert.Equal(resumed.History.Select(epoch => (float)epoch.Loss), losses.Select(loss => loss.Scalars[0].Value));
        Assert.NotEqual((float)first.History[1].Loss, losses[1].Scalars[0].Value);
    }

    [Fact]
    public async Task ARunWithoutAFinishedEpochHasNoEventFile()
    {
        Assert.Null(await TensorBoardLog.ReadAsync(store, Key, CancellationToken.None));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
