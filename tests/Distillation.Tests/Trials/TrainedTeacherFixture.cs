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
/// prototypes. The pairs are the plan's evaluation identities at 30 pairs a fold: at its 6 (48 pairs, steps of
/// 0.02) no student, however trained, separated from its untrained self.
/// </summary>
public sealed class TrainedTeacherFixture : IAsyncLifetime
{
    private static readonly SynthFacePlan Plan = TinyStudentTrialPlan.Plan;

    private FaceSet? pool;
    private VerificationSet? pairs;
    private TeacherModel? teacher;
    private DistillationData? data;

    public TeacherModel Teacher => teacher ?? throw new InvalidOperationException("the fixture is not initialised");

    public DistillationData Data => data ?? throw new InvalidOperationException("the fixture is not initialised");

    public double TeacherAccuracy { get; private set; }

    public async Task InitializeAsync()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        pool = Plan.RenderPool();
        pairs = (Plan with { PairsPerFold = 30 }).RenderEvaluation();
        using var labeled = (Plan with { TeacherImagesPerIdentity = 8 }).RenderTeacherSet();
        var trained = await TeacherTraining.RunAsync(new TeacherTrainingSettings(), labeled, pairs, new TrialContext(torch.CPU));
        teacher = trained.Teacher;
        TeacherAccuracy = trained.Evaluation.Accuracy;
        data = new DistillationData([pool], Plan.PoolId, pairs);
    }

    public Task DisposeAsync()
    {
        teacher?.Dispose();
        pool?.Dispose();
        pairs?.Dispose();
        return Task.CompletedTask;
    }
}
