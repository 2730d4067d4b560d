using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models;

/// <summary>
/// InsightFace's IBasicBlock: BN -> conv 3x3 -> BN -> PReLU -> conv 3x3 (carries the stride) -> BN, plus a shortcut
/// (conv 1x1 + BN when the shape changes). Field names are InsightFace's parameter names.
/// </summary>
public sealed class IResNetBasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn2;
    private readonly PReLU prelu;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn3;
    private readonly Sequential? downsample;

    public IResNetBasicBlock(int inChannels, int outChannels, int stride)
        : base(nameof(IResNetBasicBlock))
    {
        bn1 = nn.BatchNorm2d(inChannels);
        conv1 = nn.Conv2d(inChannels, outChannels, 3, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(outChannels);
        prelu = nn.PReLU(outChannels);
        conv2 = nn.Conv2d(outChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn3 = nn.BatchNorm2d(outChannels);
        downsample = stride != 1 || inChannels != outChannels
            ? nn.Sequential(nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), nn.BatchNorm2d(outChannels))
            : null;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var normalised = bn1.call(input);
        using var convolved = conv1.call(normalised);
        using var normalisedAgain = bn2.call(convolved);
        using var activated = prelu.call(normalisedAgain);
        using var convolvedAgain = conv2.call(activated);
        using var residual = bn3.call(convolvedAgain);
        if (downsample is null)
        {
            return residual.add(input);
        }
        using var shortcut = downsample.call(input);
        return residual.add(shortcut);
    }
}
