using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models.Dlib;

/// <summary>relu(conv2(relu(conv1(x))) + x), both convs 3x3 stride 1 with 'same' padding.</summary>
internal sealed class DlibResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly DlibConvLayer conv1;
    private readonly DlibConvLayer conv2;

    public DlibResidualBlock(string name, long channels) : base(name)
    {
        conv1 = new DlibConvLayer("conv1", channels, channels, kernelSize: 3, stride: 1, samePadding: true);
        conv2 = new DlibConvLayer("conv2", channels, channels, kernelSize: 3, stride: 1, samePadding: true);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var first = conv1.forward(input);
        using var activated = nn.functional.relu(first, inplace: true);
        using var second = conv2.forward(activated);
        second.add_(input);
        return nn.functional.relu(second);
    }
}
