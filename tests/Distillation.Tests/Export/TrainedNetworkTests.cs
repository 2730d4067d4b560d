using FaceKdGrid.Distillation.Export;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Export;

/// <summary>A trial's network comes back from its checkpoint alone, as the checkpoint's properties describe it.</summary>
public sealed class TrainedNetworkTests
{
    public TrainedNetworkTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Fact]
    public void AStudentCheckpointGivesBackTheTrainedStudent()
    {
        using var student = TrainedLikeWeights.Apply(new MobileFaceNet(new MobileFaceNetConfig(0.25, 0.5, 32, 64)), seed: 7);
        using var projection = new ProjectionHead(64, 128);
        var checkpoint = Capture(new() { ["student"] = student, ["projection"] = projection }, ArchitectureOf(student));

        using var rebuilt = TrainedNetwork.FromCheckpoint(checkpoint);

        using var scope = NewDisposeScope();
        var input = randn(2, 3, 32, 32);
        using var noGrad = no_grad();
        Assert.IsType<MobileFaceNet>(rebuilt);
        Assert.True(student.call(input).allclose(rebuilt.call(input)), "the rebuilt student computes other embeddings");
    }

    [Fact]
    public void ACheckpointWithoutItsArchitectureIsRefusedByName()
    {
        using var student = new MobileFaceNet(new MobileFaceNetConfig(0.25, 0.5, 32, 64));
        var checkpoint = Capture(new() { ["student"] = student }, new Dictionary<string, string> { ["kind"] = "student" });

        var error = Assert.Throws<InvalidDataException>(() => TrainedNetwork.FromCheckpoint(checkpoint));

        Assert.Contains($"'{TeacherModel.ModelProperty}'", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ArchitectureOf(MobileFaceNet student) => new()
    {
        ["kind"] = "student",
        [TeacherModel.ModelProperty] = ModelFactory.SpecOf(student),
        [TeacherModel.InputSizeProperty] = "32",
        [TeacherModel.EmbeddingSizeProperty] = "64",
    };

    private static TrainingCheckpoint Capture(Dictionary<string, nn.Module> modules, Dictionary<string, string> properties)
    {
        using var optimizer = optim.SGD(modules.Values.SelectMany(module => module.parameters()), 0.1);
        var captured = TrainingCheckpoint.Capture(modules, optimizer, 1, 1, [], properties);
        // Through the bytes, as the artifact store hands it over.
        using var buffer = new MemoryStream();
        captured.WriteTo(buffer);
        buffer.Position = 0;
        return TrainingCheckpoint.ReadFrom(buffer);
    }
}
