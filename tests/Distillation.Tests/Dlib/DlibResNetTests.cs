using FaceKdGrid.Distillation.Models.Dlib;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Dlib;

public sealed class DlibResNetTests
{
    [Fact]
    public void HasTheDlibDescriptorsArchitectureAndParameterCount()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var model = new DlibResNet();

        Assert.Equal(128, model.EmbeddingSize);
        Assert.Equal(150, model.InputSize);
        Assert.Equal(117, model.parameters().Count());
        Assert.Equal(5_614_592, model.parameters().Sum(parameter => parameter.numel()));
    }

    [Fact]
    public void RejectsInputThatIsNotANormalisedRgbChip()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var model = new DlibResNet();
        using var scope = torch.NewDisposeScope();

        var notSquare = Assert.Throws<ArgumentException>(() => model.forward(torch.zeros(1, 3, 150, 120)));
        var notAChip = Assert.Throws<ArgumentException>(() => model.forward(torch.zeros(1, 3, 112, 112)));
        var grey = Assert.Throws<ArgumentException>(() => model.forward(torch.zeros(1, 1, 150, 150)));
        var bytes = Assert.Throws<ArgumentException>(() => model.forward(torch.zeros(1, 3, 150, 150, torch.ScalarType.Byte)));

        Assert.Equal("input", notSquare.ParamName);
        Assert.Contains("[1, 3, 150, 120]", notSquare.Message);
        Assert.Equal("input", notAChip.ParamName);
        Assert.Equal("input", grey.ParamName);
        Assert.Contains("Byte", bytes.Message);
    }
}
