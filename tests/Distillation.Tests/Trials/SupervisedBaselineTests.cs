using FaceKdGrid.Distillation.Augmentation;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Synth;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Tests.Training;
using FaceKdGrid.Distillation.Training;
using FaceKdGrid.Distillation.Trials;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Trials;

/// <summary>
/// The supervised baseline: the same student trained with the pool's identity labels through an ArcFace head,
/// the teacher only choosing its size.
/// </summary>
[Collection(ReproducibleTrainingCollection.Name)]
public sealed class SupervisedBaselineTests
{
    private static readonly SynthFacePlan Plan = TinyStudentTrialPlan.Plan;

    private static readonly DistillationSettings Settings = new DistillationSettings() with
    {
        Loss = new KdLossSettings(KdLossKind.Supervised),
        Augmentation = new AugmentationSettings(AugmentationMethod.ContentReplacement, 0.5),
        Training = new DistillationSettings().Training with { Epochs = 12, BatchSize = 32, Seed = 3 },
    };

    private readonly ITestOutputHelper output;

    public SupervisedBaselineTests(ITestOutputHelper output)
    {
        this.output = output;
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Fact]
    public async Task TheSupervisedStudentBeatsItsUntrainedSelfWithoutRunningTheTeacher()
    {
        using var pool = Plan.RenderLabeledPool();
        // 30 pairs a fold: the plan's 6 (48 pairs) move in steps of 0.02, too coarse to separate trained from untrained.
        using var pairs = (Plan with { PairsPerFold = 30 }).RenderEvaluation();
        using var teacher = Teacher();
        var context = new TrialContext(torch.CPU) { TeacherOutputs = new RefusingCache() };

        var result = await StudentDistillation.RunAsync(Settings, teacher, new DistillationData([pool], Plan.PoolId, pairs), context);

        output.WriteLine($"supervised: untrained {result.Untrained.Accuracy:F3}, trained {result.Final.Accuracy:F3} ± {result.Final.AccuracyStd:F3}");
        Assert.Equal(0, result.TeacherForwardPasses);
        Assert.Contains("arcface", result.Outcome.History[0].LossComponents.Keys);
        Assert.True(result.Final.Accuracy >= result.Untrained.Accuracy + 0.05,
            $"supervised {result.Final.Accuracy:F3} should beat the same student untrained ({result.Untrained.Accuracy:F3}) by 0.05");
    }

    [Fact]
    public async Task AnUnlabeledPoolIsRefusedSayingWhatIsMissing()
    {
        using var pool = Plan.RenderPool();
        using var pairs = Plan.RenderEvaluation();
        using var teacher = Teacher();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            StudentDistillation.RunAsync(Settings, teacher, new DistillationData([pool], Plan.PoolId, pairs), new TrialContext(torch.CPU)));

        Assert.Equal("data", error.ParamName);
        Assert.Contains("loss 'supervised' needs a labeled pool", error.Message);
        Assert.Contains($"'{Plan.PoolId}' has no identity labels", error.Message);
    }

    [Fact]
    public async Task HalfTheEpochsThenAResumeRestoreTheArcFaceHead()
    {
        var settings = Settings with { Training = Settings.Training with { Epochs = 4 } };
        using var pool = Plan.RenderLabeledPool();
        using var pairs = Plan.RenderEvaluation();
        using var teacher = Teacher();
        var data = new DistillationData([pool], Plan.PoolId, pairs);
        var context = new TrialContext(torch.CPU);

        var straight = await StudentDistillation.RunAsync(settings, teacher, data, context);
        var stopper = new CheckpointAndStop(afterEpoch: 2);
        await StudentDistillation.RunAsync(settings, teacher, data, context with { Callbacks = [stopper] });
        var resumed = await StudentDistillation.RunAsync(settings, teacher, data, context, Roundtrip(stopper.Checkpoint!));

        using var savedHead = new ArcFaceHead(settings.StudentEmbeddingSize, pool.IdentityCount);
        stopper.Checkpoint!.LoadModule("head", savedHead);
        using var centres = savedHead.ClassCentres();
        Assert.Equal([pool.IdentityCount, settings.StudentEmbeddingSize], centres.shape);
        for (var epoch = 0; epoch < 4; epoch++)
        {
            Assert.Equal(straight.Outcome.History[epoch].Loss, resumed.Outcome.History[epoch].Loss, 1e-5);
        }
        Assert.Equal(straight.Final.Accuracy, resumed.Final.Accuracy, 1e-6);
    }

    [Fact]
    public async Task DistillationIgnoresThePoolsLabels()
    {
        var settings = Settings with { Loss = new KdLossSettings(KdLossKind.IndirectFeature), Training = Settings.Training with { Epochs = 2 }, PrototypeCount = 8 };
        using var labeled = Plan.RenderLabeledPool();
        using var unlabeled = Plan.RenderPool();
        using var pairs = Plan.RenderEvaluation();
        using var teacher = Teacher();

        var withLabels = await StudentDistillation.RunAsync(settings, teacher, new DistillationData([labeled], Plan.PoolId, pairs), new TrialContext(torch.CPU));
        var withoutLabels = await StudentDistillation.RunAsync(settings, teacher, new DistillationData([unlabeled], Plan.PoolId, pairs), new TrialContext(torch.CPU));

        using var sameImages = labeled.Images.eq(unlabeled.Images).all();
        Assert.True(sameImages.item<bool>(), "the labeled pool has other images");
        Assert.Equal(withoutLabels.Outcome.History.Select(h => h.Loss), withLabels.Outcome.History.Select(h => h.Loss));
        Assert.Equal(withoutLabels.Final.Accuracy, withLabels.Final.Accuracy);
    }

    /// <summary>Only sizes the student: an untrained network with as many parameters as a real one would have.</summary>
    private static TeacherModel Teacher()
    {
        return new TeacherModel(ModelFactory.Create("iresnet:layers=1-1-1-1,width=0.25", 32, 128, new torch.Generator(1)), null, "untrained-teacher");
    }

    private static TrainingCheckpoint Roundtrip(TrainingCheckpoint checkpoint)
    {
        using var buffer = new MemoryStream();
        checkpoint.WriteTo(buffer);
        buffer.Position = 0;
        return TrainingCheckpoint.ReadFrom(buffer);
    }

    /// <summary>A teacher-output cache that fails the trial if anything asks it for teacher outputs or prototypes.</summary>
    private sealed class RefusingCache : ITeacherOutputCache
    {
        public Tensor GetOrCompute(TeacherCacheKey key, Func<Tensor> compute) =>
            throw new InvalidOperationException($"the supervised baseline asked for teacher outputs ({key})");
    }
}
