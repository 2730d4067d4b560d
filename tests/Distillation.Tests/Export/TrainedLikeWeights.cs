using TorchSharp;
using TorchSharp.Modules;

namespace FaceKdGrid.Distillation.Tests.Export;

/// <summary>
/// Gives a freshly built network what training gives it and initialisation does not: batch-norm statistics and
/// affine parameters away from (0, 1) and PReLU slopes away from 0.25, so an export that mishandles any of them shows.
/// </summary>
internal static class TrainedLikeWeights
{
    public static T Apply<T>(T network, long seed) where T : torch.nn.Module
    {
        using var noGrad = torch.no_grad();
        var generator = new torch.Generator((ulong)seed);
        foreach (var module in network.modules())
        {
            switch (module)
            {
                case BatchNorm norm:
                    norm.running_mean!.copy_(torch.randn(norm.running_mean.shape, generator: generator).mul_(0.2));
                    norm.running_var!.copy_(torch.rand(norm.running_var.shape, generator: generator).add_(0.5));
                    norm.weight?.copy_(torch.randn(norm.weight.shape, generator: generator).mul_(0.2).add_(1));
                    norm.bias?.copy_(torch.randn(norm.bias.shape, generator: generator).mul_(0.2));
                    break;
                case PReLU prelu:
                    prelu.weight.copy_(torch.rand(prelu.weight.shape, generator: generator).mul_(0.5));
                    break;
            }
        }
        network.eval();
        return network;
    }
}
