using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models;

/// <summary>
/// InsightFace's IResNet (arcface_torch <c>backbones/iresnet.py</c>): conv 3x3 -> BN -> PReLU -> four stride-2 stages
/// of <see cref="IResNetBasicBlock"/> -> BN -> flatten -> dropout -> fc -> BN1d with its scale frozen at 1.
/// Field names are InsightFace's parameter names, so its PyTorch state dicts load. Initial weights and, in training,
/// dropout masks come from the generator it is built with, which must outlive its training.
/// </summary>
public sealed class IResNet : FaceEmbedder
{
    private static readonly int[] StageChannels = [64, 128, 256, 512];

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly PReLU prelu;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly BatchNorm2d bn2;
    private readonly Generator? randomness;
    private readonly Linear fc;
    private readonly BatchNorm1d features;

    /// <param name="randomness">Draws the initial weights, then the dropout masks (null: torch's process-wide generator).</param>
    public IResNet(IResNetConfig config, Generator? randomness = null)
        : base(nameof(IResNet))
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        this.randomness = randomness;
        var channels = StageChannels.Select(count => ChannelScaling.ScaleChannels(count, config.Width)).ToArray();
        var blocks = config.ResolvedLayers;
        conv1 = nn.Conv2d(3, channels[0], 3, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(channels[0]);
        prelu = nn.PReLU(channels[0]);
        layer1 = BuildStage(channels[0], channels[0], blocks[0]);
        layer2 = BuildStage(channels[0], channels[1], blocks[1]);
        layer3 = BuildStage(channels[1], channels[2], blocks[2]);
        layer4 = BuildStage(channels[2], channels[3], blocks[3]);
        bn2 = nn.BatchNorm2d(channels[3]);
        var finalSide = config.InputSize / 16;
        fc = nn.Linear(channels[3] * finalSide * finalSide, config.EmbeddingSize);
        features = nn.BatchNorm1d(config.EmbeddingSize);
        RegisterComponents();
        InitialiseWeights();
    }

    public IResNetConfig Config { get; }

    public override int EmbeddingSize => Config.EmbeddingSize;

    public override int InputSize => Config.InputSize;

    public override Tensor forward(Tensor input)
    {
        using var stem = conv1.call(input);
        using var stemNormalised = bn1.call(stem);
        using var stemActivated = prelu.call(stemNormalised);
        using var stage1 = layer1.call(stemActivated);
        using var stage2 = layer2.call(stage1);
        using var stage3 = layer3.call(stage2);
        using var stage4 = layer4.call(stage3);
        using var normalised = bn2.call(stage4);
        using var flat = normalised.flatten(1);
        using var dropped = Dropout(flat);
        using var projected = fc.call(dropped);
        return features.call(projected);
    }

    private static Sequential BuildStage(int inChannels, int outChannels, int blockCount)
    {
        var blocks = Enumerable.Range(0, blockCount)
            .Select(index => (index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                (nn.Module<Tensor, Tensor>)new IResNetBasicBlock(index == 0 ? inChannels : outChannels, outChannels, index == 0 ? 2 : 1)));
        return nn.Sequential(blocks);
    }

    /// <summary>Inverted dropout; the mask is drawn here because TorchSharp's dropout takes no generator.</summary>
    private Tensor Dropout(Tensor input)
    {
        if (!training || Config.Dropout == 0)
        {
            return input.alias();
        }
        var keep = 1 - Config.Dropout;
        using var mask = torch.empty_like(input).bernoulli_(keep, randomness);
        return input.mul(mask).div_(keep);
    }

    /// <summary>
    /// InsightFace's initialisation: convolutions N(0, 0.1), fc PyTorch's default; the embedding BN's scale fixed at 1,
    /// not trained.
    /// </summary>
    private void InitialiseWeights()
    {
        WeightInitialisation.LayerDefaults(this, randomness);
        using var noGrad = torch.no_grad();
        foreach (var conv in modules().OfType<Conv2d>())
        {
            conv.weight.normal_(0, 0.1, randomness);
        }
        features.weight.fill_(1);
        features.weight.requires_grad = false;
    }
}
