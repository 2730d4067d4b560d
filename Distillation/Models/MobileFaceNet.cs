using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models;

/// <summary>
/// MobileFaceNet (Chen et al., 2018): conv 3x3 s2 -> depthwise 3x3 -> five groups of inverted-residual bottlenecks
/// -> conv 1x1 -> global depthwise conv over the remaining S/16 x S/16 map -> linear projection -> batch norm.
/// Convolutions and the projection start from He normal weights (fan out), drawn from the given generator.
/// </summary>
public sealed class MobileFaceNet : FaceEmbedder
{
    /// <summary>The paper's bottleneck table: expansion, output channels, repeats, stride of the first repeat.</summary>
    private static readonly (int Expansion, int Channels, int Repeats, int Stride)[] BottleneckGroups =
    [
        (2, 64, 5, 2),
        (4, 128, 1, 2),
        (2, 128, 6, 1),
        (4, 128, 1, 2),
        (2, 128, 2, 1),
    ];

    private const int StemChannels = 64;
    private const int HeadChannels = 512;

    private readonly ConvBnBlock stem;
    private readonly ConvBnBlock stemDepthwise;
    private readonly Sequential bottlenecks;
    private readonly ConvBnBlock head;
    private readonly ConvBnBlock globalDepthwise;
    private readonly Linear embedding;
    private readonly BatchNorm1d features;

    /// <param name="initialisation">Draws the initial weights (see <see cref="WeightInitialisation"/>).</param>
    public MobileFaceNet(MobileFaceNetConfig config, Generator? initialisation = null)
        : base(nameof(MobileFaceNet))
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        var stemChannels = ChannelScaling.ScaleChannels(StemChannels, config.Width);
        var headChannels = ChannelScaling.ScaleChannels(HeadChannels, config.Width);
        stem = new ConvBnBlock(3, stemChannels, kernelSize: 3, stride: 2, padding: 1);
        stemDepthwise = new ConvBnBlock(stemChannels, stemChannels, kernelSize: 3, padding: 1, groups: stemChannels);
        (bottlenecks, var lastChannels) = BuildBottlenecks(stemChannels, config);
        head = new ConvBnBlock(lastChannels, headChannels, kernelSize: 1);
        globalDepthwise = new ConvBnBlock(headChannels, headChannels, kernelSize: config.InputSize / 16, groups: headChannels, linear: true);
        embedding = nn.Linear(headChannels, config.EmbeddingSize, hasBias: false);
        features = nn.BatchNorm1d(config.EmbeddingSize);
        RegisterComponents();
        InitialiseWeights(initialisation);
    }

    public MobileFaceNetConfig Config { get; }

    public override int EmbeddingSize => Config.EmbeddingSize;

    public override int InputSize => Config.InputSize;

    public override Tensor forward(Tensor input)
    {
        using var stemmed = stem.call(input);
        using var filtered = stemDepthwise.call(stemmed);
        using var body = bottlenecks.call(filtered);
        using var widened = head.call(body);
        using var pooled = globalDepthwise.call(widened);
        using var flat = pooled.flatten(1);
        using var projected = embedding.call(flat);
        return features.call(projected);
    }

    private static (Sequential Blocks, int OutChannels) BuildBottlenecks(int inChannels, MobileFaceNetConfig config)
    {
        var blocks = new List<(string, nn.Module<Tensor, Tensor>)>();
        var channels = inChannels;
        foreach (var group in BottleneckGroups)
        {
            var outChannels = ChannelScaling.ScaleChannels(group.Channels, config.Width);
            var repeats = ChannelScaling.ScaleRepeats(group.Repeats, config.Depth);
            for (var repeat = 0; repeat < repeats; repeat++)
            {
                var stride = repeat == 0 ? group.Stride : 1;
                blocks.Add((blocks.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    new InvertedResidual(channels, outChannels, group.Expansion, stride)));
                channels = outChannels;
            }
        }
        return (nn.Sequential(blocks), channels);
    }

    private void InitialiseWeights(Generator? generator)
    {
        WeightInitialisation.LayerDefaults(this, generator);
        foreach (var module in modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    WeightInitialisation.KaimingNormalFanOut(conv.weight, generator);
                    break;
                case Linear linear:
                    WeightInitialisation.KaimingNormalFanOut(linear.weight, generator);
                    break;
            }
        }
    }
}
