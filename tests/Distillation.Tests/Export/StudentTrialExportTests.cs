using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Export;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Tests.Trials;
using FaceKdGrid.Distillation.Trials;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Export;

/// <summary>A real student trial's final checkpoint rebuilds exactly the student the trial measured.</summary>
[Collection(ReproducibleTrainingCollection.Name)]
public sealed class StudentTrialExportTests
{
    public StudentTrialExportTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public async Task TheRebuiltStudentScoresTheTrialsOwnTestAccuracy()
    {
        var plan = TinyStudentTrialPlan.Plan;
        using var pool = plan.RenderPool();
        using var pairs = plan.RenderEvaluation();
        using var teacher = new TeacherModel(ModelFactory.Create("iresnet:layers=1-1-1-1,width=0.25", 32, 128, new torch.Generator(1)), null, "untrained-teacher");
        var settings = new DistillationSettings() with
        {
            Loss = new KdLossSettings(KdLossKind.Feature),
            Training = new DistillationSettings().Training with { Epochs = 1, BatchSize = 32, Seed = 3 },
        };
        var context = new TrialContext(torch.CPU);

        var result = await StudentDistillation.RunAsync(settings, teacher, new DistillationData([pool], plan.PoolId, pairs), context);
        using var student = TrainedNetwork.FromCheckpoint(result.Outcome.FinalState);

        Assert.Equal(result.Student.Config, Assert.IsType<MobileFaceNet>(student).Config);
        var rescored = VerificationEvaluator.Evaluate(student, pairs, torch.CPU, context.EvaluationBatchSize, context.FalseAcceptRate);
        Assert.Equal(result.Final.Accuracy, rescored.Accuracy, 1e-9);
    }
}
