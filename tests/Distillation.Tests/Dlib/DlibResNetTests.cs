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

    [Theory]
    [InlineData(150)]
    [InlineData(112)]
    [InlineData(32)]
    [InlineData(160)]
    public void AcceptsAnySquareSize(int size)
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var model = new DlibResNet();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();

        var descriptors = model.forward(torch.rand(2, 3, size, size).mul_(2).sub_(1));

        Assert.Equal([2L, 128L], descriptors.shape);
        Assert.True(descriptors.isfinite().all().item<bool>());
    }

    [Fact]
    public void ResizingKeepsAFlatImageFlat()
    {
        // Bilinear resizing maps a constant image to the same constant, so every size must give the same descriptor.
        TorchRuntime.Initialise(cpuThreads: 1);
        using var model = new DlibResNet();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var colour = torch.tensor(new[] { 0.3f, -0.2f, 0.7f }).view(1, 3, 1, 1);

        var native = model.forward(colour.expand(1, 3, 150, 150));
        var small = model.forward(colour.expand(1, 3, 32, 32));
        var large = model.forward(colour.expand(1, 3, 200, 200));

        Assert.True(native.allclose(small, rtol: 0, atol: 1e-5));
        Assert.True(native.allclose(large, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void RejectsInputThatIsNotNormalisedSquareRgb()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var model = new DlibResNet();
        using var scope = torch.NewDisposeScope();

        var notSquare = Assert.Throws<ArgumentException>(() => model.forward(torch.zeros(1, 3, 150, 120)));
        var grey = Assert.Throws<ArgumentException>(() => model.forward(torch.zeros(1, 1, 150, 150)));
        var bytes = Assert.Throws<ArgumentException>(() => model.forward(torch.zeros(1, 3, 150, 150, torch.ScalarType.Byte)));

        Assert.Equal("input", notSquare.ParamName);
        Assert.Contains("[1, 3, 150, 120]", notSquare.Message);
        Assert.Equal("input", grey.ParamName);
        Assert.Contains("Byte", bytes.Message);
    }
}
