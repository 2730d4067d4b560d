using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models;

/// <summary>Size and cost of a model: parameter count and multiply-accumulates per image.</summary>
public static class ModelStatistics
{
    /// <summary>Every parameter element, trainable or frozen (as PyTorch's <c>sum(p.numel())</c> counts them).</summary>
    public static long CountParameters(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.parameters().Sum(parameter => parameter.numel());
    }

    /// <summary>
    /// Multiply-accumulates of the convolutions and linear layers for one image at the model's input size
    /// (normalisation, activations and additions are not counted). Measured with forward hooks on one eval-mode
    /// pass, so it is exact for whatever layout the model builds; the model's training mode is restored after.
    /// </summary>
    public static long CountMultiplyAdds(FaceEmbedder model)
    {
        ArgumentNullException.ThrowIfNull(model);
        long total = 0;
        nn.Module<Tensor, Tensor>.HookRemover[] hooks = [.. model.modules()
            .Where(module => module is Convolution or Linear)
            .Cast<nn.Module<Tensor, Tensor>>()
            .Select(module => module.register_forward_hook((layer, _, output) =>
            {
                total += MultiplyAddsOf(layer, output);
                return output;
            }))];
        var wasTraining = model.training;
        try
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            model.eval();
            var device = model.parameters().First().device;
            using var image = torch.zeros(1, 3, model.InputSize, model.InputSize, device: device);
            model.call(image);
        }
        finally
        {
            model.train(wasTraining);
            foreach (var hook in hooks)
            {
                hook.remove();
            }
        }
        return total;
    }

    /// <summary>
    /// Each output element of a conv or linear layer costs one multiply-accumulate per weight feeding it:
    /// the weight's element count divided by its output channels (in/groups x kh x kw, or in_features).
    /// </summary>
    private static long MultiplyAddsOf(nn.Module layer, Tensor output)
    {
        var weight = layer switch
        {
            Convolution { transposed: false } conv => conv.weight!,
            Linear linear => linear.weight!,
            _ => throw new ArgumentException($"no multiply-add rule for {layer.GetType().Name}", nameof(layer)),
        };
        return output.numel() * (weight.numel() / weight.shape[0]);
    }
}
