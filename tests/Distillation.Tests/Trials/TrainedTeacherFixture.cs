using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Synth;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Trials;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Trials;

/// <summary>
/// The tiny student-trial pool with a teacher trained by ArcFace on the plan's own teacher identities (8 images
/// each, to keep it to about half a minute), so distillation has something to teach; its 200 class centres are the
/// prototypes. The test pairs are the plan's evaluation identities at 30 pairs a fold (at its 6, 48 pairs in steps of
/// 0.02, no student, however trained, separated from its untrained self); validation pairs likewise, on identities
/// apart from them.
/// </summary>
public sealed class TrainedTeacherFixture : IAsyncLifetime
{
    private static readonly SynthFacePlan Plan = TinyStudentTrialPlan.Plan;

    private FaceSet? pool;
    private VerificationSet? pairs;
    private VerificationSet? validation;
    private TeacherModel? teacher;
    private DistillationData? data;

    public TeacherModel Teacher => teacher ?? throw new InvalidOperationException("the fixture is not initialised");

    public DistillationData Data => data ?? throw new InvalidOperationException("the fixture is not initialised");

    public double TeacherAccuracy { get; private set; }

    public async Task InitializeAsync()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        pool = Plan.RenderPool();
        var finePairs = Plan with { PairsPerFold = 100, EvaluationIdentities = 24 };
        pairs = finePairs.RenderEvaluation();
        validation = finePairs.RenderValidation();
        using var labeled = (Plan with { TeacherImagesPerIdentity = 8 }).RenderTeacherSet();
        var trained = await TeacherTraining.RunAsync(new TeacherTrainingSettings(), labeled, pairs, validation: null, new TrialContext(torch.CPU));
        teacher = trained.Teacher;
        TeacherAccuracy = trained.Final.Accuracy;
        data = new DistillationData([pool], Plan.PoolId, pairs) { Validation = validation };
    }

    public Task DisposeAsync()
    {
        teacher?.Dispose();
        pool?.Dispose();
        pairs?.Dispose();
        return Task.CompletedTask;
    }
}
