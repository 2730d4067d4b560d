using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void TorchSharpLoadsAndComputes()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var x = torch.arange(4, dtype: torch.float32);
        Assert.Equal(6f, x.sum().item<float>());
        Assert.Equal("cpu", TorchRuntime.ResolveDevice("cpu").type.ToString().ToLowerInvariant());
    }

    [Fact]
    public void AskingForCudaWithoutItNamesTheProblem()
    {
        TorchRuntime.Initialise();
        if (torch.cuda.is_available())
        {
            return;
        }
        var error = Assert.Throws<InvalidOperationException>(() => TorchRuntime.ResolveDevice("cuda"));
        Assert.Contains("CUDA is not available", error.Message);
    }
}
