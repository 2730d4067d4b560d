using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Models;

public sealed class ModelFactoryTests
{
    public ModelFactoryTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Fact]
    public void BuildsMobileFaceNetsWithAndWithoutArguments()
    {
        using var plain = Assert.IsType<MobileFaceNet>(ModelFactory.Create("mobilefacenet", 32, 64));
        using var scaled = Assert.IsType<MobileFaceNet>(ModelFactory.Create(" MobileFaceNet : width=0.5, depth=0.5 ", 32, 64));

        Assert.Equal(new MobileFaceNetConfig(InputSize: 32, EmbeddingSize: 64), plain.Config);
        Assert.Equal(new MobileFaceNetConfig(0.5, 0.5, 32, 64), scaled.Config);
    }

    [Fact]
    public void BuildsIResNetsByDepthOrByLayers()
    {
        using var byDepth = Assert.IsType<IResNet>(ModelFactory.Create("iresnet18:width=0.25", 32, 16));
        using var byLayers = Assert.IsType<IResNet>(ModelFactory.Create("iresnet:layers=1-1-1-1,width=0.25", 32, 16));

        Assert.Equal([2, 2, 2, 2], byDepth.Config.ResolvedLayers);
        Assert.Equal(0.25, byDepth.Config.Width);
        Assert.Equal([1, 1, 1, 1], byLayers.Config.ResolvedLayers);
        Assert.Equal(16, byLayers.EmbeddingSize);
        ModelFactory.Validate("IRESNET100:dropout=0.2", 112, 512);
    }

    [Theory]
    [InlineData("resnet50", "valid names: mobilefacenet, iresnet18, iresnet34, iresnet50, iresnet100, iresnet")]
    [InlineData("iresnet42", "valid names:")]
    [InlineData("mobilefacenet:widht=2", "valid keys: width, depth")]
    [InlineData("iresnet50:layers=1-1-1-1", "valid keys: width, dropout")]
    [InlineData("iresnet:width=0.5", "needs layers=a-b-c-d")]
    [InlineData("mobilefacenet:width=abc", "is not a number")]
    [InlineData("mobilefacenet:width", "is not key=value")]
    [InlineData("mobilefacenet:width=1,width=2", "given twice")]
    [InlineData("iresnet:layers=1-x-1-1", "four block counts")]
    public void BadSpecsSayWhatIsValid(string spec, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => ModelFactory.Validate(spec, 32, 16));
        Assert.Equal("spec", error.ParamName);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void OutOfRangeValuesNameTheSetting()
    {
        Assert.Equal("Width", Assert.Throws<ArgumentOutOfRangeException>(() => ModelFactory.Validate("mobilefacenet:width=0", 32, 16)).ParamName);
        Assert.Equal("Layers", Assert.Throws<ArgumentOutOfRangeException>(() => ModelFactory.Validate("iresnet:layers=1-1-1", 32, 16)).ParamName);
        Assert.Equal("InputSize", Assert.Throws<ArgumentOutOfRangeException>(() => ModelFactory.Validate("iresnet34", 24, 16)).ParamName);
    }
}
