using FaceKdGrid.Distillation.Augmentation;
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
/// A trial's numbers depend on its settings and seeds alone: run twice, or beside another trial training on another
/// thread of the same process (as a silo's slots run them), it gives the same losses and accuracies bit for bit.
/// </summary>
[Collection(ReproducibleTrainingCollection.Name)]
public sealed class TrialIsolationTests
{
    private static readonly SynthFacePlan Plan = TinyStudentTrialPlan.Plan;

    /// <summary>A student about the teacher's size: building it takes long enough for a neighbour to draw meanwhile.</summary>
    private static readonly DistillationSettings Student = new DistillationSettings() with
    {
        CompressionRatio = 1.5,
        Loss = new KdLossSettings(KdLossKind.IndirectFeature),
        Augmentation = new AugmentationSettings(AugmentationMethod.ContentReplacement, 0.5),
        Training = new DistillationSettings().Training with { Epochs = 2, BatchSize = 32, Seed = 3 },
        PrototypeCount = 8,
    };

    /// <summary>
    /// The neighbour: another seed and an embedding size no other test uses, so it first sizes the students of the
    /// catalogue for it, building each, while the student is built.
    /// </summary>
    private static readonly DistillationSettings Neighbour = Student with
    {
        StudentEmbeddingSize = 96,
        Training = Student.Training with { Epochs = 3, Seed = 4 },
    };

    public TrialIsolationTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public async Task TheSameTrialTwiceGivesBitIdenticalNumbers()
    {
        using var pool = Plan.RenderPool();
        using var pairs = Plan.RenderEvaluation();
        using var teacher = Teacher();
        var data = new DistillationData([pool], Plan.PoolId, pairs) { Validation = pairs };

        var first = await OnOwnThread(() => StudentDistillation.RunAsync(Student, teacher, data, new TrialContext(torch.CPU)));
        var second = await OnOwnThread(() => StudentDistillation.RunAsync(Student, teacher, data, new TrialContext(torch.CPU)));

        Assert.Equal(Numbers(first), Numbers(second));
    }

    [Fact]
    public async Task ATrialBesideAnotherTrainingOnAnotherThreadGivesTheNumbersItGivesAlone()
    {
        using var pool = Plan.RenderPool();
        using var pairs = Plan.RenderEvaluation();
        using var teacher = Teacher();
        var data = new DistillationData([pool], Plan.PoolId, pairs) { Validation = pairs };

        var alone = await OnOwnThread(() => StudentDistillation.RunAsync(Student, teacher, data, new TrialContext(torch.CPU)));
        var neighbour = OnOwnThread(() => StudentDistillation.RunAsync(Neighbour, teacher, data, new TrialContext(torch.CPU)));
        // The student is built while the neighbour sizes its catalogue (a few hundred milliseconds).
        await Task.Delay(20);
        var beside = await OnOwnThread(() => StudentDistillation.RunAsync(Student, teacher, data, new TrialContext(torch.CPU)));
        var neighbourStillTraining = !neighbour.IsCompleted;
        await neighbour;

        Assert.True(neighbourStillTraining, "the neighbour finished before the student did");
        Assert.Equal(Numbers(alone), Numbers(beside));
    }

    /// <summary>Every number the trial reports that does not measure time, named so a difference says where it is.</summary>
    private static List<(string Name, double Value)> Numbers(DistillationResult result)
    {
        var numbers = new List<(string, double)>
        {
            ("untrained accuracy", result.Untrained.Accuracy),
            ("untrained threshold", result.Untrained.Threshold),
        };
        foreach (var epoch in result.Outcome.History)
        {
            numbers.Add(($"epoch {epoch.Epoch} loss", epoch.Loss));
            numbers.AddRange(epoch.LossComponents.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => ($"epoch {epoch.Epoch} {c.Key}", c.Value)));
            numbers.Add(($"epoch {epoch.Epoch} validation accuracy", epoch.Validation!.Accuracy));
        }
        numbers.Add(("final validation accuracy", result.FinalValidation.Accuracy));
        numbers.Add(("final accuracy", result.Final.Accuracy));
        numbers.Add(("final threshold", result.Final.Threshold));
        return numbers;
    }

    /// <summary>
    /// Runs <paramref name="run"/> on a thread of its own, as a silo's slot does: torch's CPU thread count is per thread
    /// (set on threads that start torch work after <see cref="TorchRuntime.Initialise"/>), and a pool thread another test
    /// used may have kept another count, which changes the bits of sums and convolutions.
    /// </summary>
    private static Task<T> OnOwnThread<T>(Func<Task<T>> run) =>
        Task.Factory.StartNew(run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private static TeacherModel Teacher() =>
        new(ModelFactory.Create("iresnet:layers=1-1-1-1,width=0.25", 32, 128, new torch.Generator(1)), null, "untrained-teacher");
}
