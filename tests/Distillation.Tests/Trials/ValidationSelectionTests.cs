using FaceKdGrid.Distillation.Augmentation;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Synth;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Trials;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Trials;

/// <summary>
/// Research hygiene: what a trial reports after each epoch (what early stopping reads) comes from the validation
/// pairs, never the test pairs; the final report carries both. The validation pairs here have 100 mismatched pairs
/// and the test pairs 24, so the FAR each supports (1e-1 and 5e-1) shows which set a metric was measured on.
/// </summary>
[Collection(ReproducibleTrainingCollection.Name)]
public sealed class ValidationSelectionTests
{
    private const double ValidationFar = 0.1;

    private const double TestFar = 0.5;

    private static readonly SynthFacePlan Plan = TinyStudentTrialPlan.Plan with { TeacherIdentities = 8, TeacherImagesPerIdentity = 8 };

    private static readonly TeacherTrainingSettings Settings = new TeacherTrainingSettings() with
    {
        Training = new TeacherTrainingSettings().Training with { Epochs = 1, BatchSize = 32, WarmupEpochs = 0 },
    };

    public ValidationSelectionTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public async Task AStudentsEpochMetricsAreItsValidationAccuracyAndTheTestPairsOnlyReport()
    {
        using var pool = Plan.RenderPool();
        using var test = Plan.RenderEvaluation();
        using var validation = Validation();
        using var teacher = new TeacherModel(ModelFactory.Create("iresnet:layers=1-1-1-1,width=0.25", 32, 128, new torch.Generator(1)), null, "untrained-teacher");
        var settings = new DistillationSettings() with
        {
            Loss = new KdLossSettings(KdLossKind.Feature),
            Augmentation = new AugmentationSettings(AugmentationMethod.None, 0),
            Training = new DistillationSettings().Training with { Epochs = 2, BatchSize = 32, Seed = 3 },
        };

        var result = await StudentDistillation.RunAsync(settings, teacher,
            new DistillationData([pool], Plan.PoolId, test) { Validation = validation }, new TrialContext(torch.CPU));

        Assert.All(result.Outcome.History, epoch => Assert.Equal(ValidationFar, epoch.Validation!.Far));
        var last = result.Outcome.History[^1].Validation!;
        Assert.Equal((result.FinalValidation.Accuracy, result.FinalValidation.AccuracyStd, result.FinalValidation.Tar, ValidationFar),
            (last.Accuracy, last.AccuracyStd, last.Tar, last.Far));
        Assert.Equal(TestFar, result.Final.Far);
        Assert.Equal(TestFar, result.Untrained.Far);
    }

    [Fact]
    public async Task ATeachersEpochMetricsAreItsValidationAccuracyAndTheTestPairsOnlyReport()
    {
        using var labeled = Plan.RenderTeacherSet();
        using var test = Plan.RenderEvaluation();
        using var validation = Validation();

        var result = await TeacherTraining.RunAsync(Settings, labeled, test, validation, new TrialContext(torch.CPU));
        using var teacher = result.Teacher;

        var last = result.Outcome.History[^1].Validation!;
        Assert.Equal((result.FinalValidation.Accuracy, ValidationFar), (last.Accuracy, last.Far));
        Assert.Equal(TestFar, result.Final.Far);
        Assert.Equal(TestFar, result.Untrained.Far);
    }

    [Fact]
    public async Task WithoutValidationPairsTheTestPairsStandIn()
    {
        using var labeled = Plan.RenderTeacherSet();
        using var test = Plan.RenderEvaluation();

        var result = await TeacherTraining.RunAsync(Settings, labeled, test, validation: null, new TrialContext(torch.CPU));
        using var teacher = result.Teacher;

        Assert.Same(result.Final, result.FinalValidation);
        var last = result.Outcome.History[^1].Validation!;
        Assert.Equal((result.Final.Accuracy, TestFar), (last.Accuracy, last.Far));
    }

    [Fact]
    public async Task ARequestedFarThePairsCannotSupportIsRefusedBeforeTraining()
    {
        using var labeled = Plan.RenderTeacherSet();
        using var test = Plan.RenderEvaluation();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            TeacherTraining.RunAsync(Settings, labeled, test, validation: null, new TrialContext(torch.CPU) { FalseAcceptRate = 1e-3 }));

        Assert.Equal("falseAcceptRate", error.ParamName);
        Assert.Contains("support FAR >= 5e-1", error.Message);
    }

    /// <summary>Validation pairs on the plan's validation identities, 4 folds of 25 + 25.</summary>
    private static VerificationSet Validation() => (Plan with { PairsPerFold = 25 }).RenderValidation();
}
