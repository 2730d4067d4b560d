using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models;

/// <summary>
/// The initialisations the models use, drawn from a given generator: TorchSharp's <c>nn.init.kaiming_*</c> take none
/// (and its <c>nn.init.normal_</c> ignores the one it takes), and a trial must not draw from torch's process-wide
/// generator, which trials beside it draw from too. The formulas are libtorch's own, so a generator seeded as the
/// process-wide one was gives the very weights it gave. A null generator is torch's process-wide one (for a model whose
/// weights are loaded or only counted).
/// </summary>
public static class WeightInitialisation
{
    /// <summary>
    /// Redraws PyTorch's default for every <c>Conv2d</c> and <c>Linear</c> of <paramref name="model"/> in the order their
    /// constructors drew it from the process-wide generator (depth first, children in the order they are declared, which
    /// is the order the models build them in): the layers that keep the default get the values they got, and the model's
    /// later draws come where they came.
    /// </summary>
    public static void LayerDefaults(nn.Module model, Generator? generator)
    {
        foreach (var module in InConstructionOrder(model))
        {
            switch (module)
            {
                case Conv2d conv:
                    TorchDefault(conv.weight, conv.bias, generator);
                    break;
                case Linear linear:
                    TorchDefault(linear.weight, linear.bias, generator);
                    break;
            }
        }
    }

    private static IEnumerable<nn.Module> InConstructionOrder(nn.Module module) =>
        module.children().SelectMany(child => InConstructionOrder(child).Prepend(child));

    /// <summary>
    /// PyTorch's default for <c>nn.Linear</c> and <c>nn.Conv2d</c>: the weight kaiming_uniform_ with a = sqrt(5) and the
    /// bias U(±1/sqrt(fan_in)).
    /// </summary>
    public static void TorchDefault(Tensor weight, Tensor? bias, Generator? generator)
    {
        var fanIn = nn.init.CalculateFanInAndFanOut(weight).Item1;
        var gain = Math.Sqrt(2.0 / (1 + Math.Pow(Math.Sqrt(5), 2)));
        var weightBound = Math.Sqrt(3.0) * (gain / Math.Sqrt(fanIn));
        var biasBound = 1 / Math.Sqrt(fanIn);
        using var noGrad = torch.no_grad();
        weight.uniform_(-weightBound, weightBound, generator);
        bias?.uniform_(-biasBound, biasBound, generator);
    }

    /// <summary>As <c>nn.init.kaiming_normal_</c> with mode fan_out and ReLU's gain: N(0, 2 / fan_out).</summary>
    public static void KaimingNormalFanOut(Tensor weight, Generator? generator)
    {
        var fanOut = nn.init.CalculateFanInAndFanOut(weight).Item2;
        using var noGrad = torch.no_grad();
        weight.normal_(0, Math.Sqrt(2.0) / Math.Sqrt(fanOut), generator);
    }
}
