using FaceKdGrid.Client.Specs;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Export;
using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Synth;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Grains.Engine;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grid.Tests.Cluster;
using FaceKdGrid.Grid.Tests.Telemetry;
using FaceKdGrid.TestSupport;
using FaceKdGrid.TestSupport.TensorBoard;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Grains;

/// <summary>A sweep of tiny real trials (TorchSharp on SynthFace) on a three-silo cluster.</summary>
public sealed class RealTrainingTests : IAsyncLifetime
{
    private readonly GridClusterOptions options = new()
    {
        Executor = services => ActivatorUtilities.CreateInstance<EngineTrialExecutor>(services),
    };

    private InProcessTestCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await GridCluster.StartAsync(options);

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        Directory.Delete(options.ArtifactRoot, recursive: true);
    }

    [Fact]
    public async Task ASweepOfTinyRealTrialsCompletesWithEveryTrialQueryableAndTeacherOutputsComputedOnce()
    {
        // One teacher epoch: the engine accepts it (its warm-up ends inside the run), so the sweep completes.
        var parsed = SweepSpecYaml.Parse("""
            name: real-sweep
            teacher: { kind: train, epochs: 1, identities: 16, images_per_identity: 8 }
            data: { synthface: { image_size: 32, identities: 32, images: 256 } }
            evaluation: { synthface: { identities: 16, pairs_per_fold: 8, folds: 4 } }
            search_space: { compression_ratio: [4, 8], epochs: 2, batch_size: 32 }
            max_concurrent: 2
            """);
        Assert.Empty(parsed.Errors);
        var coordinator = cluster.Client.GetGrain<ISweepCoordinatorGrain>("real-sweep");

        await coordinator.SubmitAsync(parsed.Spec!);
        var done = await Eventually.HoldsAsync(coordinator.GetStatusAsync, status => status.Status is SweepStatus.Completed or SweepStatus.Failed or SweepStatus.Cancelled,
            TimeSpan.FromMinutes(4), "the sweep's end");

        Assert.Equal(SweepStatus.Completed, done.Status);
        var results = await coordinator.GetResultsAsync();
        Assert.NotNull(results.Teacher.Params);
        Assert.InRange(results.Teacher.Accuracy!.Value, 0, 1);
        foreach (var trial in results.Trials)
        {
            var snapshot = await cluster.Client.GetGrain<IExperimentGrain>(TrialKeys.Of("real-sweep", trial.TrialId)).GetAsync();
            var outcome = snapshot.Outcome!;
            Assert.Equal(TrialStatus.Completed, snapshot.Status);
            Assert.Equal([1, 2], snapshot.Epochs.Select(epoch => epoch.Epoch));
            Assert.InRange(outcome.Accuracy, 0, 1);
            Assert.InRange(outcome.UntrainedAccuracy, 0, 1);
            Assert.InRange(outcome.CompressionRatio, trial.Parameters!.CompressionRatio / 1.25, trial.Parameters.CompressionRatio * 1.25);
            Assert.True(File.Exists(Path.Combine(options.ArtifactRoot, outcome.CheckpointLocation!)), $"{outcome.CheckpointLocation} is stored");
            Assert.Null(outcome.TeacherAgreement);
            Assert.Equal(0, outcome.ResumedFromEpoch);
        }
        // Every trial, the teacher's too, left its curve for TensorBoard (any silo hands it out): the epochs its experiment
        // grain recorded, with the same validation accuracy.
        foreach (var trial in done.Trials)
        {
            var key = TrialKeys.Of("real-sweep", trial.TrialId);
            var recorded = (await cluster.Client.GetGrain<IExperimentGrain>(key).GetAsync()).Epochs;
            var file = await cluster.Client.GetGrain<ITensorBoardGrain>(key).GetEventFileAsync();
            var accuracies = TfEventsReader.Read(file!.Content).Where(record => record.Scalars.Count == 1 && record.Scalars[0].Tag == "validation/accuracy").ToList();
            Assert.Equal(recorded.Select(epoch => (long)epoch.Epoch), accuracies.Select(record => record.Step));
            Assert.Equal(recorded.Select(epoch => (float)epoch.Validation!.Accuracy), accuracies.Select(record => record.Scalars[0].Value));
            // The grid keeps the epoch as the engine measured it, loss components and learning rate included.
            Assert.All(recorded, epoch => Assert.True(epoch.LossComponents.Count > 0 && epoch.LearningRate > 0, $"epoch {epoch.Epoch} lost its engine metrics"));
        }
        // Both students see the same batches (same data, seed and augmentation), so the teacher ran once per
        // shard-epoch for the sweep, not once per trial: one pool shard x two epochs, 8 batches each. Running side by
        // side, either student may compute an entry and the other reads it; the engine's counts say so.
        var outcomes = results.Trials.Select(trial => trial.Outcome!).ToList();
        Assert.Equal(2 * 8, outcomes.Sum(outcome => outcome.TeacherForwardPasses));
        Assert.Equal(2, outcomes.Sum(outcome => outcome.TeacherCacheHits));
        var cached = Directory.GetFiles(Path.Combine(options.ArtifactRoot, "teacher-outputs"), "*.fkdt", SearchOption.AllDirectories);
        Assert.Equal(2, cached.Length);
    }

    [Fact]
    public async Task AStudentAfterAnotherOnTheSameDataRunsNoTeacherPassAndReadsEveryTeacherOutputFromTheCache()
    {
        using var recorder = new GridTelemetryRecorder();
        var stateDict = Path.Combine(AppContext.BaseDirectory, "Fixtures", "iresnet18-w0.125-32px.pt");
        // One at a time, so the second student starts after the first has stored everything it needs.
        var parsed = SweepSpecYaml.Parse($$"""
            name: shared-teacher-outputs
            teacher: { kind: checkpoint, model: "iresnet18:width=0.125", embedding_size: 128, path: {{stateDict}} }
            data: { synthface: { image_size: 32, identities: 32, images: 128 } }
            evaluation: { synthface: { identities: 16, pairs_per_fold: 10, folds: 2 } }
            search_space: { compression_ratio: [4, 8], epochs: 2, batch_size: 32, loss: indirect+feature }
            max_concurrent: 1
            """);
        Assert.Empty(parsed.Errors);
        var coordinator = cluster.Client.GetGrain<ISweepCoordinatorGrain>(parsed.Spec!.Name);

        await coordinator.SubmitAsync(parsed.Spec);
        var done = await Eventually.HoldsAsync(coordinator.GetStatusAsync, status => status.Status is SweepStatus.Completed or SweepStatus.Failed,
            TimeSpan.FromMinutes(3), "the sweep's end");

        var results = await coordinator.GetResultsAsync();
        Assert.True(done.Status == SweepStatus.Completed, string.Join("; ", results.Trials.Select(trial => trial.Lifecycle.Reason)));
        var outcomes = results.Trials.Select(trial => trial.Outcome!).OrderByDescending(outcome => outcome.TeacherForwardPasses).ToList();
        Assert.Equal(2, outcomes.Count);
        // The checkpoint teacher has no class centres: the first student embeds the 128-face pool for the k-means
        // prototypes (one batch) and runs the teacher on the pool's one shard, 4 batches in each of 2 epochs; the
        // second reads all three entries from the cache.
        Assert.Equal((1 + 2 * 4, 0), (outcomes[0].TeacherForwardPasses, outcomes[0].TeacherCacheHits));
        Assert.Equal((0, 1 + 2), (outcomes[1].TeacherForwardPasses, outcomes[1].TeacherCacheHits));
        // Counted as each attempt completes, before it reports: telemetry already holds them.
        Assert.Equal(1 + 2 * 4, recorder.Of("facekd.teacher.forward_passes", parsed.Spec.Name).Sum(measurement => measurement.Value));
        Assert.Equal(1 + 2, recorder.Of("facekd.teacher.cache_hits", parsed.Spec.Name).Sum(measurement => measurement.Value));
    }

    [Theory]
    [InlineData("checkpoint", "kind: checkpoint, model: \"iresnet18:width=0.125\", embedding_size: 128, path: PYTORCH_STATE_DICT")]
    [InlineData("stored-checkpoint", "kind: checkpoint, model: \"iresnet18:width=0.125\", embedding_size: 128, path: teachers/r18")]
    [InlineData("dlib", "kind: dlib")]
    [InlineData("onnx", "kind: onnx, path: ONNX_MODEL")]
    public async Task StudentsLearnFromAPyTorchCheckpointThePretrainedDlibTeacherOrAnOnnxModelWithoutATeacherTrial(string name, string teacher)
    {
        var stateDict = Path.Combine(AppContext.BaseDirectory, "Fixtures", "iresnet18-w0.125-32px.pt");
        await IngestAgreementFacesAsync("agreement-faces");
        // As 'facekd data push r18 --teacher FILE' stores it: the silos read the state dict from the artifact store.
        await ArtifactCopy.FromFileAsync(stateDict, new LocalFolderArtifactStore(options.ArtifactRoot), "teachers/r18");
        var parsed = SweepSpecYaml.Parse($$"""
            name: {{name}}-teacher
            teacher: { {{teacher.Replace("PYTORCH_STATE_DICT", stateDict, StringComparison.Ordinal).Replace("ONNX_MODEL", ExportOnnx(stateDict), StringComparison.Ordinal)}} }
            data: { synthface: { image_size: 32, identities: 32, images: 128 } }
            evaluation: { synthface: { identities: 16, pairs_per_fold: 10, folds: 2 }, agreement: agreement-faces }
            search_space: { compression_ratio: 4, epochs: 1, batch_size: 32, loss: indirect+feature }
            """);
        Assert.Empty(parsed.Errors);
        var coordinator = cluster.Client.GetGrain<ISweepCoordinatorGrain>(parsed.Spec!.Name);

        await coordinator.SubmitAsync(parsed.Spec);
        var done = await Eventually.HoldsAsync(coordinator.GetStatusAsync, status => status.Status is SweepStatus.Completed or SweepStatus.Failed,
            TimeSpan.FromMinutes(3), "the sweep's end");

        var results = await coordinator.GetResultsAsync();
        var trial = Assert.Single(results.Trials);
        Assert.True(done.Status == SweepStatus.Completed, trial.Lifecycle.Reason);
        Assert.Null(results.TeacherTrial);
        Assert.InRange(results.Teacher.Accuracy!.Value, 0, 1);
        Assert.InRange(trial.Outcome!.Accuracy, 0, 1);
        Assert.InRange(trial.Outcome.TeacherAgreement!.Value, -1, 1);
        Assert.InRange(trial.Outcome.UntrainedTeacherAgreement!.Value, -1, 1);
        Assert.InRange(trial.Outcome.TeacherNeighbourAgreement!.Value, 0, 1);
        // No such teacher has class centres: the indirect loss used k-means prototypes of its embeddings of the pool.
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(options.ArtifactRoot, "prototypes"), "*.fkdt", SearchOption.AllDirectories));
    }

    /// <summary>The PyTorch fixture exported by the grid's own exporter, as an ONNX teacher's file.</summary>
    private string ExportOnnx(string stateDict)
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        var path = Path.Combine(options.ArtifactRoot, "iresnet18.onnx");
        using var teacher = TeacherModel.FromPyTorch(stateDict, "iresnet18:width=0.125", 32, 128);
        ModelExport.Write(teacher.Network, ExportFormat.Onnx, path, overwrite: true);
        return path;
    }

    [Fact]
    public async Task AnIngestedTestSetOnlyReportsWhileItsIngestedValidationSetIsWhatEpochsMeasure()
    {
        // Sets with different impostor counts have different smallest supported FARs, so the FAR of each epoch tells
        // which set the epoch measured.
        TorchRuntime.Initialise(cpuThreads: 1);
        var store = new LocalFolderArtifactStore(options.ArtifactRoot);
        var renderer = new SynthFacePlan { ImageSize = 32, Seed = 5, EvaluationIdentities = 16, PairsPerFold = 20, Folds = 2 };
        double testFar, validationFar;
        using (var test = renderer.RenderEvaluation())
        using (var validation = (renderer with { Folds = 4 }).RenderValidation())
        {
            await DatasetArtifacts.WritePairsAsync(store, "ingested-test-pairs", test);
            await DatasetArtifacts.WritePairsAsync(store, "ingested-validation-pairs", validation);
            (testFar, validationFar) = (SmallestFar(test), SmallestFar(validation));
        }
        Assert.NotEqual(testFar, validationFar);
        var stateDict = Path.Combine(AppContext.BaseDirectory, "Fixtures", "iresnet18-w0.125-32px.pt");
        var parsed = SweepSpecYaml.Parse($$"""
            name: ingested-pairs
            teacher: { kind: checkpoint, model: "iresnet18:width=0.125", embedding_size: 128, path: {{stateDict}} }
            data: { synthface: { image_size: 32, identities: 32, images: 128 } }
            evaluation: { dataset: ingested-test-pairs, validation_dataset: ingested-validation-pairs }
            search_space: { compression_ratio: 4, epochs: 2, batch_size: 32 }
            """);
        Assert.Empty(parsed.Errors);
        var coordinator = cluster.Client.GetGrain<ISweepCoordinatorGrain>(parsed.Spec!.Name);

        await coordinator.SubmitAsync(parsed.Spec);
        var done = await Eventually.HoldsAsync(coordinator.GetStatusAsync, status => status.Status is SweepStatus.Completed or SweepStatus.Failed,
            TimeSpan.FromMinutes(3), "the sweep's end");

        var trial = Assert.Single((await coordinator.GetResultsAsync()).Trials);
        Assert.True(done.Status == SweepStatus.Completed, trial.Lifecycle.Reason);
        Assert.Equal(testFar, trial.Outcome!.Far);
        var epochs = (await cluster.Client.GetGrain<IExperimentGrain>($"{parsed.Spec.Name}/{trial.TrialId}").GetAsync()).Epochs;
        Assert.Equal(2, epochs.Count);
        Assert.All(epochs, epoch => Assert.Equal(validationFar, epoch.Validation!.Far));
    }

    private static double SmallestFar(VerificationSet pairs) => LfwProtocol.SupportedFar(pairs.IsSame.Count(same => !same), null);

    /// <summary>
    /// Stores 12 unlabeled faces as an ingested set would be, in three shards and at another size than the pool's
    /// (each model sees them at its own input size).
    /// </summary>
    private async Task IngestAgreementFacesAsync(string datasetId)
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var faces = new SynthFacePlan { ImageSize = 40, Seed = 11, PoolIdentities = 6, PoolImages = 12 }.RenderPool();
        await DatasetArtifacts.WriteFacesAsync(new LocalFolderArtifactStore(options.ArtifactRoot), datasetId, faces, shardSize: 5);
    }
}
