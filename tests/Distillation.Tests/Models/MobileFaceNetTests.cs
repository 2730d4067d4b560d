using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Models;

public sealed class MobileFaceNetTests
{
    public MobileFaceNetTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Fact]
    public void TinyModelRunsForwardAndBackwardAt32Pixels()
    {
        using var model = new MobileFaceNet(new MobileFaceNetConfig(Width: 0.25, Depth: 0.5, InputSize: 32, EmbeddingSize: 16));
        using var images = torch.randn(2, 3, 32, 32);

        using var embeddings = model.call(images);
        using var loss = embeddings.square().sum();
        loss.backward();

        Assert.Equal(new long[] { 2, 16 }, embeddings.shape);
        var parameters = model.named_parameters().ToList();
        Assert.All(parameters, named => Assert.True(named.parameter.grad is { } grad && torch.isfinite(grad).all().item<bool>(), named.name));
        Assert.True(parameters.First(named => named.name == "stem.conv.weight").parameter.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void PaperModelHasTheExpectedParameterCountAndCost()
    {
        using var model = new MobileFaceNet(new MobileFaceNetConfig());

        // By hand from Chen et al.'s table (convs bias-free; BN = 2 x channels; PReLU = channels;
        // bottleneck(in, out, hidden) = in*h + h*out + 15h + 2out):
        // stem 1728+128+64 = 1920; depthwise 576+128+64 = 768;
        // 5 x (64->64, h 128) = 5 x 18432 = 92160; 64->128 (h 256) = 53248; 6 x (128->128, h 256) = 6 x 69632 = 417792;
        // 128->128 (h 512) = 139008; 2 x 69632 = 139264; conv 1x1 65536+1536 = 67072; GDC 7x7: 25088+1024 = 26112;
        // linear 512x128 = 65536; BN1d 256. Total 1,003,136 (the paper: 0.99M).
        Assert.Equal(1_003_136, ModelStatistics.CountParameters(model));
        // The paper reports 221M multiply-adds at 112 x 112.
        Assert.InRange(ModelStatistics.CountMultiplyAdds(model), 220_000_000, 222_000_000);
    }

    [Fact]
    public void WidthScalesChannelsToMultiplesOfEightAndDepthScalesRepeats()
    {
        using var narrow = new MobileFaceNet(new MobileFaceNetConfig(Width: 0.3, Depth: 0.5, InputSize: 32));
        var shapes = narrow.named_parameters().ToDictionary(named => named.name, named => named.parameter.shape);

        // 64 x 0.3 = 19.2 -> 16; 512 x 0.3 = 153.6 -> 152.
        Assert.Equal(new long[] { 16, 3, 3, 3 }, shapes["stem.conv.weight"]);
        Assert.Equal(new long[] { 152, 1, 2, 2 }, shapes["globalDepthwise.conv.weight"]);
        // Repeats 5, 1, 6, 1, 2 at depth 0.5 -> 3, 1, 3, 1, 1 = 9 bottlenecks.
        var bottlenecks = shapes.Keys.Where(key => key.StartsWith("bottlenecks.", StringComparison.Ordinal))
            .Select(key => key.Split('.')[1]).Distinct().Count();
        Assert.Equal(9, bottlenecks);
    }

    [Fact]
    public void LargerInputsKeepTheEmbeddingShape()
    {
        using var model = new MobileFaceNet(new MobileFaceNetConfig(Width: 0.25, InputSize: 48, EmbeddingSize: 8));
        model.eval();
        using var images = torch.randn(1, 3, 48, 48);
        using var embeddings = model.call(images);
        Assert.Equal(new long[] { 1, 8 }, embeddings.shape);
        Assert.Equal(48, model.InputSize);
        Assert.Equal(8, model.EmbeddingSize);
    }

    [Theory]
    [InlineData(0.0, 1.0, 112, 128, "Width")]
    [InlineData(double.NaN, 1.0, 112, 128, "Width")]
    [InlineData(1.0, -1.0, 112, 128, "Depth")]
    [InlineData(1.0, 1.0, 40, 128, "InputSize")]
    [InlineData(1.0, 1.0, 16, 128, "InputSize")]
    [InlineData(1.0, 1.0, 112, 0, "EmbeddingSize")]
    public void InvalidConfigurationsNameTheParameter(double width, double depth, int inputSize, int embeddingSize, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MobileFaceNetConfig(width, depth, inputSize, embeddingSize));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void WithExpressionsAreCheckedToo()
    {
        var config = new MobileFaceNetConfig();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => config with { Width = -0.5 });
        Assert.Equal("Width", error.ParamName);
    }
}
