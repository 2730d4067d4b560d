using System.Diagnostics;
using FaceKdGrid.Distillation.Augmentation;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Synth;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Trials;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;

namespace FaceKdGrid.Distillation.Tests.Trials;

/// <summary>
/// A student trial measures, on faces of the user's choice, how closely the student arranges them like its
/// teacher, untrained and trained; distillation must raise that agreement.
/// </summary>
[Collection(ReproducibleTrainingCollection.Name)]
public sealed class TeacherAgreementTests
{
    private static readonly SynthFacePlan Plan = TinyStudentTrialPlan.Plan;

    /// <summary>Faces the pool does not hold, at another size than the pool's: each model sees them at its own.</summary>
    private static readonly SynthFacePlan AgreementPlan = Plan with { ImageSize = 48, Seed = 11, PoolIdentities = 12, PoolImages = 24 };

    private static readonly DistillationSettings Settings = new DistillationSettings() with
    {
        Loss = new KdLossSettings(KdLossKind.Feature),
        Augmentation = new AugmentationSettings(AugmentationMethod.None, 0),
        Training = new DistillationSettings().Training with { Epochs = 12, BatchSize = 32, Seed = 3 },
    };

    private readonly ITestOutputHelper output;

    public TeacherAgreementTests(ITestOutputHelper output)
    {
        this.output = output;
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Fact]
    public async Task DistillationRaisesTheStudentsAgreementWithItsTeacherAboveItsUntrainedSelf()
    {
        var clock = Stopwatch.StartNew();
        using var pool = Plan.RenderPool();
        using var pairs = Plan.RenderEvaluation();
        using var agreementFaces = AgreementPlan.RenderPool();
        using var teacher = Teacher();
        var data = new DistillationData([pool], Plan.PoolId, pairs) { AgreementFaces = agreementFaces };

        var result = await StudentDistillation.RunAsync(Settings, teacher, data, new TrialContext(torch.CPU));

        var untrained = result.UntrainedAgreement!;
        var final = result.FinalAgreement!;
        output.WriteLine($"agreement untrained {untrained.SimilarityCorrelation:F3} (neighbours {untrained.NeighbourAgreement:F3})");
        output.WriteLine($"agreement distilled {final.SimilarityCorrelation:F3} (neighbours {final.NeighbourAgreement:F3})");
        output.WriteLine($"wall {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(24, untrained.FaceCount);
        Assert.Equal(24, final.FaceCount);
        Assert.InRange(untrained.SimilarityCorrelation, -1, 1);
        Assert.InRange(final.SimilarityCorrelation, -1, 1);
        Assert.InRange(final.NeighbourAgreement, 0, 1);
        Assert.True(final.SimilarityCorrelation > untrained.SimilarityCorrelation + 0.1,
            $"distilled agreement {final.SimilarityCorrelation:F3} should beat the untrained student's {untrained.SimilarityCorrelation:F3} by 0.1");
    }

    [Fact]
    public async Task WithoutAgreementFacesNoAgreementIsMeasured()
    {
        using var pool = Plan.RenderPool();
        using var pairs = Plan.RenderEvaluation();
        using var teacher = Teacher();

        var result = await StudentDistillation.RunAsync(Settings with { Training = Settings.Training with { Epochs = 1 } }, teacher,
            new DistillationData([pool], Plan.PoolId, pairs), new TrialContext(torch.CPU));

        Assert.Null(result.UntrainedAgreement);
        Assert.Null(result.FinalAgreement);
    }

    [Fact]
    public async Task FewerThanThreeAgreementFacesAreRefusedNamingThem()
    {
        using var pool = Plan.RenderPool();
        using var pairs = Plan.RenderEvaluation();
        using var twoFaces = (AgreementPlan with { PoolIdentities = 2, PoolImages = 2 }).RenderPool();
        using var teacher = Teacher();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => StudentDistillation.RunAsync(Settings, teacher,
            new DistillationData([pool], Plan.PoolId, pairs) { AgreementFaces = twoFaces }, new TrialContext(torch.CPU)));

        Assert.Equal("AgreementFaces", error.ParamName);
        Assert.Contains("at least 3", error.Message);
    }

    /// <summary>An untrained teacher still arranges faces in its own way, which the student must learn to copy.</summary>
    private static TeacherModel Teacher()
    {
        return new TeacherModel(ModelFactory.Create("iresnet:layers=1-1-1-1,width=0.25", 32, 128, new torch.Generator(1)), null, "untrained-teacher");
    }
}
