using TorchSharp;
using TorchSharp.Modules;
using static FaceKdGrid.Distillation.Export.OnnxGraphBuilder;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Export;

/// <summary>
/// TorchSharp layers in eval mode as ONNX nodes: a batch norm right after a convolution or a linear layer is folded
/// into its weights and bias (scale = γ / √(var + ε), shift = β − mean·scale); one with nothing to fold into becomes
/// a per-channel Mul and Add.
/// </summary>
public static class OnnxLayers
{
    /// <summary>Conv2d, then the batch norm <paramref name="folded"/> when given, as one Conv node.</summary>
    public static string Conv(OnnxGraphBuilder graph, string input, Conv2d conv, BatchNorm2d? folded = null)
    {
        using var scope = NewDisposeScope();
        return folded is null ? Conv(graph, input, conv, null, null) : Conv(graph, input, conv, Affine(folded));
    }

    /// <summary>Conv2d, then y·scale + shift per output channel (a folded batch norm), as one Conv node.</summary>
    public static string Conv(OnnxGraphBuilder graph, string input, Conv2d conv, (Tensor Scale, Tensor Shift) after) =>
        Conv(graph, input, conv, after.Scale, after.Shift);

    private static string Conv(OnnxGraphBuilder graph, string input, Conv2d conv, Tensor? scale, Tensor? shift)
    {
        using var scope = NewDisposeScope();
        var weight = conv.weight.detach();
        var bias = conv.bias?.detach() ?? zeros(weight.shape[0]);
        if (scale is not null && shift is not null)
        {
            weight = weight.mul(scale.view(-1, 1, 1, 1));
            bias = bias.mul(scale).add(shift);
        }
        var padding = conv.padding ?? throw new NotSupportedException("ONNX export needs explicit convolution padding, not 'same'/'valid'");
        return graph.Node("Conv", [input, graph.Weight("conv_w", weight), graph.Weight("conv_b", bias)],
        [
            Ints("kernel_shape", [.. weight.shape[2..]]),
            Ints("strides", conv.stride),
            Ints("pads", [.. padding, .. padding]),
            Ints("dilations", conv.dilation),
            Int("group", conv.groups),
        ]);
    }

    /// <summary>A batch norm with nothing to fold into: x·scale + shift per channel, on [N, C] or [N, C, H, W].</summary>
    public static string BatchNorm(OnnxGraphBuilder graph, string input, BatchNorm norm, bool spatial)
    {
        using var scope = NewDisposeScope();
        var (scale, shift) = Affine(norm);
        var shape = spatial ? new long[] { 1, -1, 1, 1 } : [1, -1];
        return Affine(graph, input, scale.view(shape), shift.view(shape));
    }

    /// <summary>PReLU with one slope per channel of [N, C, H, W].</summary>
    public static string PRelu(OnnxGraphBuilder graph, string input, PReLU prelu)
    {
        using var scope = NewDisposeScope();
        return graph.Node("PRelu", [input, graph.Weight("prelu_slope", prelu.weight.detach().view(-1, 1, 1))], []);
    }

    /// <summary>A linear layer on [N, in] (then the batch norm <paramref name="folded"/> when given) as one Gemm node.</summary>
    public static string Linear(OnnxGraphBuilder graph, string input, Linear linear, BatchNorm1d? folded = null)
    {
        using var scope = NewDisposeScope();
        var weight = linear.weight.detach();
        var bias = linear.bias?.detach() ?? zeros(weight.shape[0]);
        if (folded is not null)
        {
            var (scale, shift) = Affine(folded);
            weight = weight.mul(scale.view(-1, 1));
            bias = bias.mul(scale).add(shift);
        }
        return graph.Node("Gemm", [input, graph.Weight("fc_w", weight), graph.Weight("fc_b", bias)], [Int("transB", 1)]);
    }

    /// <summary>x·scale + shift with constant tensors that broadcast against x.</summary>
    public static string Affine(OnnxGraphBuilder graph, string input, Tensor scale, Tensor shift)
    {
        var scaled = graph.Node("Mul", [input, graph.Weight("scale", scale)], []);
        return graph.Node("Add", [scaled, graph.Weight("shift", shift)], []);
    }

    public static string Relu(OnnxGraphBuilder graph, string input) => graph.Node("Relu", [input], []);

    public static string Add(OnnxGraphBuilder graph, string left, string right) => graph.Node("Add", [left, right], []);

    /// <summary>[N, C, H, W] to [N, C·H·W].</summary>
    public static string Flatten(OnnxGraphBuilder graph, string input) => graph.Node("Flatten", [input], [Int("axis", 1)]);

    /// <summary>The eval-mode batch norm as y = x·scale + shift.</summary>
    private static (Tensor Scale, Tensor Shift) Affine(BatchNorm norm)
    {
        var mean = norm.running_mean ?? throw new NotSupportedException("ONNX export needs batch norms that track running statistics");
        var variance = norm.running_var!;
        var scale = variance.detach().add(norm.eps).rsqrt();
        if (norm.weight is { } gamma)
        {
            scale = scale.mul(gamma.detach());
        }
        var shift = mean.detach().mul(scale).neg();
        if (norm.bias is { } beta)
        {
            shift = shift.add(beta.detach());
        }
        return (scale, shift);
    }
}
