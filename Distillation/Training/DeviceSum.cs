using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Training;

/// <summary>Sums scalar tensors where they live (no device-to-host copy per batch); read once at the end.</summary>
internal sealed class DeviceSum : IDisposable
{
    private Tensor? sum;

    public void Add(Tensor value)
    {
        using var detached = value.detach();
        if (sum is null)
        {
            sum = detached.to(ScalarType.Float64).clone().reshape(1).DetachFromDisposeScope();
        }
        else
        {
            sum.add_(detached.reshape(1));
        }
    }

    /// <summary>The sum so far (forces a device sync).</summary>
    public double Value => sum?.item<double>() ?? 0;

    public void Dispose() => sum?.Dispose();
}
