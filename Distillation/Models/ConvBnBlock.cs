using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models;

/// <summary>
/// Convolution (no bias) -> batch norm -> PReLU, or without the PReLU when <c>linear</c>: MobileFaceNet's unit.
/// </summary>
public sealed class ConvBnBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
    private readonly PReLU? prelu;

    public ConvBnBlock(int inChannels, int outChannels, int kernelSize, int stride = 1, int padding = 0, int groups = 1, bool linear = false)
        : base(nameof(ConvBnBlock))
    {
        conv = nn.Conv2d(inChannels, outChannels, kernelSize, stride: stride, padding: padding, groups: groups, bias: false);
        bn = nn.BatchNorm2d(outChannels);
        prelu = linear ? null : nn.PReLU(outChannels);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var convolved = conv.call(input);
        var normalised = bn.call(convolved);
        if (prelu is null)
        {
            return normalised;
        }
        using (normalised)
        {
            return prelu.call(normalised);
        }
    }
}
