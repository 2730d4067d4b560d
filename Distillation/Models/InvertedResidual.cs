using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models;

/// <summary>
/// MobileNetV2 bottleneck as MobileFaceNet uses it: 1x1 expansion (PReLU) -> 3x3 depthwise (PReLU) -> linear 1x1
/// projection, with an identity shortcut when the shape is kept (stride 1, same channels).
/// </summary>
public sealed class InvertedResidual : nn.Module<Tensor, Tensor>
{
    private readonly ConvBnBlock expand;
    private readonly ConvBnBlock depthwise;
    private readonly ConvBnBlock project;

    public InvertedResidual(int inChannels, int outChannels, int expansion, int stride)
        : base(nameof(InvertedResidual))
    {
        var hidden = inChannels * expansion;
        expand = new ConvBnBlock(inChannels, hidden, kernelSize: 1);
        depthwise = new ConvBnBlock(hidden, hidden, kernelSize: 3, stride: stride, padding: 1, groups: hidden);
        project = new ConvBnBlock(hidden, outChannels, kernelSize: 1, linear: true);
        HasShortcut = stride == 1 && inChannels == outChannels;
        RegisterComponents();
    }

    /// <summary>Whether the block adds its input to its output (stride 1, same channels).</summary>
    public bool HasShortcut { get; }

    public override Tensor forward(Tensor input)
    {
        using var expanded = expand.call(input);
        using var filtered = depthwise.call(expanded);
        var projected = project.call(filtered);
        if (!HasShortcut)
        {
            return projected;
        }
        using (projected)
        {
            return projected.add(input);
        }
    }
}
