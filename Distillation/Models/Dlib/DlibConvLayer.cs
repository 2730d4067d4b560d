using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models.Dlib;

/// <summary>A convolution with bias followed by its folded batch norm (<see cref="DlibChannelScale"/>); no activation.</summary>
internal sealed class DlibConvLayer : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly DlibChannelScale scale;

    /// <param name="samePadding">
    /// true: TensorFlow's 'same' padding (stride 1, odd kernel, so (k - 1) / 2 on every side); false: no padding.
    /// </param>
    public DlibConvLayer(string name, long inChannels, long outChannels, long kernelSize, long stride, bool samePadding)
        : base(name)
    {
        conv = nn.Conv2d(inChannels, outChannels, kernelSize, stride: stride, padding: samePadding ? (kernelSize - 1) / 2 : 0);
        scale = new DlibChannelScale("scale", outChannels);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var convolved = conv.forward(input);
        return scale.forward(convolved);
    }
}
