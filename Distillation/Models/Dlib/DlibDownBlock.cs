using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models.Dlib;

/// <summary>
/// dlib's downsampling residual block: the main branch is a 3x3 stride-2 conv without padding, then a 3x3 'same'
/// conv; the shortcut is a 2x2 stride-2 average pool whose missing channels are zeros. On even inputs the main
/// branch comes out one row and column short of the shortcut and gets a zero row at the bottom and a zero column
/// at the right, as face-api does.
/// </summary>
internal sealed class DlibDownBlock : nn.Module<Tensor, Tensor>
{
    private readonly DlibConvLayer conv1;
    private readonly DlibConvLayer conv2;

    public DlibDownBlock(string name, long inChannels, long outChannels) : base(name)
    {
        conv1 = new DlibConvLayer("conv1", inChannels, outChannels, kernelSize: 3, stride: 2, samePadding: false);
        conv2 = new DlibConvLayer("conv2", outChannels, outChannels, kernelSize: 3, stride: 1, samePadding: true);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var first = conv1.forward(input);
        using var activated = nn.functional.relu(first, inplace: true);
        using var main = conv2.forward(activated);
        using var pooled = nn.functional.avg_pool2d(input, kernel_size: 2, stride: 2);

        var missingRows = pooled.shape[2] - main.shape[2];
        var missingColumns = pooled.shape[3] - main.shape[3];
        using var alignedMain = nn.functional.pad(main, [0, missingColumns, 0, missingRows]);
        var missingChannels = main.shape[1] - pooled.shape[1];
        using var shortcut = nn.functional.pad(pooled, [0, 0, 0, 0, 0, missingChannels]);

        using var sum = alignedMain.add(shortcut);
        return nn.functional.relu(sum);
    }
}
