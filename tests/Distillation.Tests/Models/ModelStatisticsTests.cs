using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Models;

public sealed class ModelStatisticsTests
{
    public ModelStatisticsTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Fact]
    public void CountsMatchHandArithmeticOnATinyModel()
    {
        using var model = new TinyEmbedder();

        // conv 3->4, 3x3, bias: 4*3*9 + 4 = 112; depthwise 4 groups 3x3, no bias: 4*9 = 36;
        // BN: 8; linear 256->5 with bias: 1280 + 5 = 1285. Total 1441.
        Assert.Equal(1441, ModelStatistics.CountParameters(model));
        // At 16 px the stride-2 conv gives 4x8x8 = 256 outputs, each 3*9 = 27 MACs: 6912;
        // the depthwise conv 256 outputs x 9 = 2304; the linear 5 outputs x 256 = 1280. Total 10,496.
        Assert.Equal(10_496, ModelStatistics.CountMultiplyAdds(model));
    }

    [Fact]
    public void CountingMultiplyAddsLeavesTheModelAsItWas()
    {
        using var model = new TinyEmbedder();
        model.train();

        var first = ModelStatistics.CountMultiplyAdds(model);
        var second = ModelStatistics.CountMultiplyAdds(model);

        Assert.Equal(first, second);
        Assert.True(model.training);
    }

    private sealed class TinyEmbedder : FaceEmbedder
    {
        private readonly Conv2d conv;
        private readonly Conv2d depthwise;
        private readonly BatchNorm2d bn;
        private readonly Linear fc;

        public TinyEmbedder()
            : base(nameof(TinyEmbedder))
        {
            conv = nn.Conv2d(3, 4, 3, stride: 2, padding: 1);
            depthwise = nn.Conv2d(4, 4, 3, padding: 1, groups: 4, bias: false);
            bn = nn.BatchNorm2d(4);
            fc = nn.Linear(256, 5);
            RegisterComponents();
        }

        public override int EmbeddingSize => 5;

        public override int InputSize => 16;

        public override Tensor forward(Tensor input)
        {
            return fc.call(bn.call(depthwise.call(conv.call(input))).flatten(1));
        }
    }
}
