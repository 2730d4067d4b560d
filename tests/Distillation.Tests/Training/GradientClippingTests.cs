using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Training;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Training;

public sealed class GradientClippingTests
{
    public GradientClippingTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Theory]
    [InlineData(0.5)]
    [InlineData(1e6)]
    public void ClippingOnTheDeviceMatchesTorchsClipGradNorm(double maxNorm)
    {
        var (ours, reference) = (Model(), Model());
        GradientClipping.ClipByGlobalNorm(ours.parameters().ToList(), maxNorm);
        torch.nn.utils.clip_grad_norm_(reference.parameters(), maxNorm);

        foreach (var (a, b) in ours.parameters().Zip(reference.parameters()))
        {
            Assert.True(a.grad!.allclose(b.grad!, rtol: 1e-5, atol: 1e-7));
        }
    }

    private static torch.nn.Module<torch.Tensor, torch.Tensor> Model()
    {
        var model = torch.nn.Linear(6, 3);
        using var generator = new torch.Generator(5);
        WeightInitialisation.TorchDefault(model.weight, model.bias, generator);
        using var input = torch.randn(4, 6, generator: generator);
        model.call(input).pow(2).sum().mul(10).backward();
        return model;
    }
}
