using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Models;

public sealed class IResNetTests
{
    public IResNetTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    /// <summary>
    /// The parameter count of InsightFace's iresnet.py, derived from its layer definitions: a BN has 2 x channels
    /// parameters, a PReLU one per channel, convolutions have no bias, fc has one.
    /// </summary>
    private static long InsightFaceCount(int[] layers, int inputSize, int embeddingSize)
    {
        int[] channels = [64, 128, 256, 512];
        long total = 3 * 64 * 9 + 2 * 64 + 64;
        var inChannels = 64;
        for (var stage = 0; stage < 4; stage++)
        {
            for (var block = 0; block < layers[stage]; block++)
            {
                var input = block == 0 ? inChannels : channels[stage];
                var output = channels[stage];
                total += 2 * input + 9 * input * output + 2 * output + output + 9 * output * output + 2 * output;
                if (block == 0)
                {
                    total += input * output + 2 * output;
                }
            }
            inChannels = channels[stage];
        }
        var side = inputSize / 16;
        return total + 2 * 512 + (512L * side * side * embeddingSize + embeddingSize) + 2 * embeddingSize;
    }

    [Fact]
    public void R50MatchesInsightFaceInSizeAndParameterNames()
    {
        using var model = new IResNet(new IResNetConfig(50));
        var parameters = ModelStatistics.CountParameters(model);
        var state = model.state_dict();

        Assert.Equal(InsightFaceCount([3, 4, 14, 3], 112, 512), parameters);
        Assert.InRange(parameters, 43_500_000, 43_700_000);
        // Every stage's first block strides by 2, so it has a projection shortcut; later blocks do not.
        Assert.Equal(new long[] { 64, 64, 1, 1 }, state["layer1.0.downsample.0.weight"].shape);
        Assert.True(state.ContainsKey("layer1.0.downsample.1.running_var"));
        Assert.False(state.ContainsKey("layer1.1.downsample.0.weight"));
        Assert.True(state.ContainsKey("layer3.13.conv2.weight"));
        Assert.False(state.ContainsKey("layer3.14.conv2.weight"));
        Assert.Equal(new long[] { 64 }, state["layer1.0.prelu.weight"].shape);
        Assert.Equal(new long[] { 64, 3, 3, 3 }, state["conv1.weight"].shape);
        Assert.Equal(new long[] { 512, 512 * 7 * 7 }, state["fc.weight"].shape);
        Assert.True(state.ContainsKey("fc.bias"));
        Assert.True(state.ContainsKey("bn2.running_mean"));
        Assert.True(state.ContainsKey("features.num_batches_tracked"));
        Assert.False(state["features.weight"].requires_grad);
        Assert.Equal(512f, state["features.weight"].sum().item<float>());
    }

    [Fact]
    public void TinyTeacherRunsForwardAndBackwardAt32Pixels()
    {
        var config = new IResNetConfig(Width: 0.25, InputSize: 32, EmbeddingSize: 16) { Layers = [1, 1, 1, 1] };
        using var model = new IResNet(config);
        using var images = torch.randn(2, 3, 32, 32);

        using var embeddings = model.call(images);
        using var loss = embeddings.square().sum();
        loss.backward();

        Assert.Equal(new long[] { 2, 16 }, embeddings.shape);
        Assert.Equal(new long[] { 16, 128 * 2 * 2 }, model.state_dict()["fc.weight"].shape);
        Assert.All(model.named_parameters().Where(named => named.parameter.requires_grad),
            named => Assert.True(named.parameter.grad is { } grad && grad.abs().sum().item<float>() > 0, named.name));
    }

    /// <summary>
    /// Weights and dropout masks come from the model's generator alone: draws from torch's process-wide generator in
    /// between (another trial's) change nothing, and dropout does act in training and not in eval.
    /// </summary>
    [Fact]
    public void WeightsAndDropoutMasksComeFromTheModelsGenerator()
    {
        var config = new IResNetConfig(Width: 0.25, InputSize: 32, EmbeddingSize: 16) { Layers = [1, 1, 1, 1], Dropout = 0.5 };
        using var images = torch.randn(2, 3, 32, 32);

        float[] TrainingOutput()
        {
            using var generator = new torch.Generator(11);
            using var model = new IResNet(config, generator);
            using var drawnElsewhere = torch.rand(1000);
            model.train();
            using var first = model.call(images);
            using var second = model.call(images);
            Assert.False(first.allclose(second, rtol: 0, atol: 0), "two training passes drew the same dropout mask");
            model.eval();
            using var third = model.call(images);
            using var fourth = model.call(images);
            Assert.True(third.allclose(fourth, rtol: 0, atol: 0), "eval applied dropout");
            return [.. first.data<float>(), .. second.data<float>()];
        }

        Assert.Equal(TrainingOutput(), TrainingOutput());
    }

    [Fact]
    public void LayersOverrideTheDepthAndWidthScalesEveryStage()
    {
        var config = new IResNetConfig(Depth: 18, Width: 0.5, InputSize: 32, EmbeddingSize: 8) { Layers = [1, 2, 1, 1] };
        using var model = new IResNet(config);
        var state = model.state_dict();

        Assert.Equal([1, 2, 1, 1], config.ResolvedLayers);
        Assert.True(state.ContainsKey("layer2.1.conv1.weight"));
        Assert.False(state.ContainsKey("layer1.1.conv1.weight"));
        Assert.Equal(new long[] { 256, 256, 3, 3 }, state["layer4.0.conv2.weight"].shape);
        Assert.Equal([2, 2, 2, 2], new IResNetConfig(18).ResolvedLayers);
    }

    [Fact]
    public void InvalidConfigurationsNameTheParameter()
    {
        Assert.Equal("Depth", Assert.Throws<ArgumentOutOfRangeException>(() => new IResNetConfig(42)).ParamName);
        Assert.Equal("Width", Assert.Throws<ArgumentOutOfRangeException>(() => new IResNetConfig(Width: 0)).ParamName);
        Assert.Equal("InputSize", Assert.Throws<ArgumentOutOfRangeException>(() => new IResNetConfig(InputSize: 100)).ParamName);
        Assert.Equal("Layers", Assert.Throws<ArgumentOutOfRangeException>(() => new IResNetConfig { Layers = [1, 1, 1] }).ParamName);
        Assert.Equal("Layers", Assert.Throws<ArgumentOutOfRangeException>(() => new IResNetConfig { Layers = [1, 0, 1, 1] }).ParamName);
        Assert.Equal("Dropout", Assert.Throws<ArgumentOutOfRangeException>(() => new IResNetConfig { Dropout = 1 }).ParamName);
    }
}
