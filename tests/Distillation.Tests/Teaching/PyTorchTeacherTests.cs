using System.Runtime.InteropServices;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Teaching;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Teaching;

/// <summary>A state dict saved by real PyTorch in InsightFace's IResNet layout (fixtures made by
/// Fixtures/InsightFace/make_iresnet_state_dict.py) loads into our IResNet and computes what PyTorch computed.</summary>
public sealed class PyTorchTeacherTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "InsightFace");
    private static readonly string Checkpoint = Path.Combine(Fixtures, "iresnet18-w0.125-32px.pt");

    public PyTorchTeacherTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public void AnInsightFaceStyleStateDictLoadsAndMatchesPyTorchsOutput()
    {
        using var teacher = TeacherModel.FromPyTorch(Checkpoint, "iresnet18:width=0.125", 32, 128);
        using var input = torch.tensor(ReadFloats("input-2x3x32x32.f32"), [2, 3, 32, 32]);
        using var expected = torch.tensor(ReadFloats("output-2x128.f32"), [2, 128]);

        using var noGrad = torch.no_grad();
        using var output = teacher.Network.call(input);

        Assert.True(output.allclose(expected, rtol: 1e-4, atol: 1e-4), $"max difference {(output - expected).abs().max().item<float>()}");
        Assert.StartsWith("pt-", teacher.Id);
        Assert.Null(teacher.ClassCentres);
    }

    [Fact]
    public void AStateDictOfAnotherShapeIsRefusedNamingTheMismatch()
    {
        var error = Assert.Throws<InvalidDataException>(() => TeacherModel.FromPyTorch(Checkpoint, "iresnet18:width=0.25", 32, 128));

        Assert.Contains("does not fit iresnet18:width=0.25", error.Message);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var error = Assert.Throws<FileNotFoundException>(() => TeacherModel.FromPyTorch("/nope/r50.pt", "iresnet50", 112, 512));

        Assert.Contains("/nope/r50.pt", error.Message);
    }

    private static float[] ReadFloats(string name) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(Fixtures, name))).ToArray();
}
