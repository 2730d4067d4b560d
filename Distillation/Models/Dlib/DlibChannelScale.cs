using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models.Dlib;

/// <summary>
/// A per-channel affine map, y = x * weight + bias: dlib's batch norm folded into a scale layer after each conv.
/// </summary>
internal sealed class DlibChannelScale : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    public DlibChannelScale(string name, long channels) : base(name)
    {
        weight = nn.Parameter(torch.ones(channels));
        bias = nn.Parameter(torch.zeros(channels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var perChannelWeight = weight.view(1, -1, 1, 1);
        using var perChannelBias = bias.view(1, -1, 1, 1);
        return input.mul(perChannelWeight).add_(perChannelBias);
    }
}
