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

namespace FaceKdGrid.Distillation.Tests.Trials;

/// <summary>
/// Student trials resume exactly — into differently initialised weights, so only the checkpoint can make the runs agree —
/// and refuse inputs that cannot fit, naming the parameter.
/// </summary>
[Collection(ReproducibleTrainingCollection.Name)]
public sealed class DistillationResumeTests
{
    private static readonly SynthFacePlan Plan = TinyStudentTrialPlan.Plan;

    private static readonly DistillationSettings Settings = new DistillationSettings() with
    {
        Loss = new KdLossSettings(KdLossKind.IndirectFeature),
        Augmentation = new AugmentationSettings(AugmentationMethod.ContentReplacement, 0.5),
        Training = new DistillationSettings().Training with { Epochs = 4, BatchSize = 32, Seed = 3 },
        PrototypeCount = 8,
    };

    /// <summary>The resumed runs' student starts from other weights than the interrupted one's; data and augmentation stay.</summary>
    private const long OtherInitialisation = 1234;

    public DistillationResumeTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public async Task HalfTheEpochsThenAResumeGiveTheSameStudentAsAllAtOnce()
    {
        using var pool = Plan.RenderPool();
        using var pairs = Plan.RenderEvaluation();
        using var teacher = Teacher();
        var data = new DistillationData([pool], Plan.PoolId, pairs);
        var context = new TrialContext(torch.CPU);

        var straight = await StudentDistillation.RunAsync(Settings, teacher, data, context);
        var stopper = new CheckpointAndStop(afterEpoch: 2);
        await StudentDistillation.RunAsync(Settings, teacher, data, context with { Callbacks = [stopper] });
        var otherStart = Settings with { InitialisationSeed = OtherInitialisation };
        var resumed = await StudentDistillation.RunAsync(otherStart, teacher, data, context, Roundtrip(stopper.Checkpoint!));
        // The control: from the other weights, without the checkpoint, the first epoch already differs.
        var firstEpochOnly = new CheckpointAndStop(afterEpoch: 1);
        var unresumed = await StudentDistillation.RunAsync(otherStart, teacher, data, context with { Callbacks = [firstEpochOnly] });

        Assert.True(Math.Abs(straight.Outcome.History[0].Loss - unresumed.Outcome.History[0].Loss) > 1e-3,
            $"first-epoch loss {straight.Outcome.History[0].Loss} from the trial's own weights, {unresumed.Outcome.History[0].Loss} from the other ones");
        Assert.Equal((0, 2), (straight.Outcome.ResumedFromEpoch, resumed.Outcome.ResumedFromEpoch));
        Assert.Equal(4, resumed.Outcome.EpochsCompleted);
        for (var epoch = 0; epoch < 4; epoch++)
        {
            Assert.Equal(straight.Outcome.History[epoch].Loss, resumed.Outcome.History[epoch].Loss, 1e-5);
        }
        Assert.Equal(straight.Final.Accuracy, resumed.Final.Accuracy, 1e-6);
    }

    [Fact]
    public async Task ContrastiveTrainingLowersItsLossAndResumesWithItsQueue()
    {
        // 6 batches of 32 an epoch against a queue of 48: the queue wraps within an epoch and is full at the stop.
        var settings = Settings with { Loss = new KdLossSettings(KdLossKind.Contrastive) { QueueSize = 48 } };
        using var pool = Plan.RenderPool();
        using var pairs = Plan.RenderEvaluation();
        using var teacher = Teacher();
        var data = new DistillationData([pool], Plan.PoolId, pairs);
        var context = new TrialContext(torch.CPU);

        var straight = await StudentDistillation.RunAsync(settings, teacher, data, context);
        var stopper = new CheckpointAndStop(afterEpoch: 2);
        await StudentDistillation.RunAsync(settings, teacher, data, context with { Callbacks = [stopper] });
        var resumed = await StudentDistillation.RunAsync(settings with { InitialisationSeed = OtherInitialisation }, teacher, data, context,
            Roundtrip(stopper.Checkpoint!));

        Assert.True(straight.Outcome.History[^1].Loss < straight.Outcome.History[0].Loss,
            $"loss {straight.Outcome.History[0].Loss} after the first epoch, {straight.Outcome.History[^1].Loss} after the last");
        Assert.Contains("contrastive", straight.Outcome.History[0].LossComponents.Keys);
        Assert.Equal(2, resumed.Outcome.ResumedFromEpoch);
        for (var epoch = 0; epoch < 4; epoch++)
        {
            Assert.Equal(straight.Outcome.History[epoch].Loss, resumed.Outcome.History[epoch].Loss, 1e-5);
        }
        Assert.Equal(straight.Final.Accuracy, resumed.Final.Accuracy, 1e-6);
    }

    [Fact]
    public async Task ATeacherForOtherCropSizesIsRefusedNamingTheData()
    {
        using var pool = Plan.RenderPool();
        using var pairs = Plan.RenderEvaluation();
        using var teacher = new TeacherModel(ModelFactory.Create("iresnet:layers=1-1-1-1,width=0.25", 64, 128), null, "t64");

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            StudentDistillation.RunAsync(Settings, teacher, new DistillationData([pool], Plan.PoolId, pairs), new TrialContext(torch.CPU)));

        Assert.Equal("data", error.ParamName);
        Assert.Contains("64 px", error.Message);
    }

    [Fact]
    public async Task EvaluationPairsOfAnotherSizeAreRefused()
    {
        using var pool = Plan.RenderPool();
        using var pairs = (Plan with { ImageSize = 48 }).RenderEvaluation();
        using var teacher = Teacher();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            StudentDistillation.RunAsync(Settings, teacher, new DistillationData([pool], Plan.PoolId, pairs), new TrialContext(torch.CPU)));

        Assert.Equal("Evaluation", error.ParamName);
    }

    [Fact]
    public async Task ACompressionRatioOfOneOrLessIsRefused()
    {
        using var pool = Plan.RenderPool();
        using var pairs = Plan.RenderEvaluation();
        using var teacher = Teacher();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => StudentDistillation.RunAsync(Settings with { CompressionRatio = 0.5 }, teacher,
            new DistillationData([pool], Plan.PoolId, pairs), new TrialContext(torch.CPU)));

        Assert.Equal("CompressionRatio", error.ParamName);
    }

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
}
