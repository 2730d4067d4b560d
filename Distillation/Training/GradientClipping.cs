using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Training;

/// <summary>
/// Clips gradients to a global L2 norm entirely on the device. TorchSharp's clip_grad_norm_ returns the norm as a
/// double, which reads it back to the host and so stalls a GPU on every step.
/// </summary>
public static class GradientClipping
{
    public static void ClipByGlobalNorm(IReadOnlyList<TorchSharp.Modules.Parameter> parameters, double maxNorm)
    {
        using var scope = torch.NewDisposeScope();
        var gradients = parameters.Select(p => p.grad).OfType<Tensor>().ToList();
        if (gradients.Count == 0)
        {
            return;
        }
        using var norms = torch.stack(gradients.Select(g => g.detach().norm()));
        var total = norms.norm();
        var scale = total.add(1e-6).reciprocal_().mul_(maxNorm).clamp_(max: 1.0);
        foreach (var gradient in gradients)
        {
            gradient.mul_(scale);
        }
    }
}
