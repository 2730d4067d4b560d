using FaceKdGrid.Distillation.Models.Dlib;
using TorchSharp;
using TorchSharp.Modules;
using static FaceKdGrid.Distillation.Export.OnnxGraphBuilder;

namespace FaceKdGrid.Distillation.Export;

/// <summary>
/// <see cref="DlibResNet"/> (on dlib chips in [-1, 1], as its forward pass takes them) as ONNX nodes. The down blocks'
/// zero padding depends on the feature map's side, which is fixed by the 150 px input, so it is tracked here.
/// </summary>
internal static class DlibResNetOnnx
{
    public static string Emit(OnnxGraphBuilder graph, string input, DlibResNet network)
    {
        var modules = new NamedModules(network);
        using var scope = torch.NewDisposeScope();
        var x = OnnxLayers.Affine(graph, input, torch.tensor(DlibResNet.InputScale), torch.tensor(DlibResNet.InputOffsets).view(1, 3, 1, 1));
        var side = (long)network.InputSize;
        x = ConvLayer(graph, x, modules, "body.conv32_down", ref side);
        x = OnnxLayers.Relu(graph, x);
        x = graph.Node("MaxPool", [x], [Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 0, 0, 0, 0)]);
        side = (side - 3) / 2 + 1;
        // The stem is emitted above; the residual and down blocks follow in the body's order.
        foreach (var (name, module) in network.named_modules().Where(entry => entry.name.Count(c => c == '.') == 1 && entry.name.StartsWith("body.", StringComparison.Ordinal)))
        {
            x = module switch
            {
                DlibResidualBlock => ResidualBlock(graph, x, modules, name, side),
                DlibDownBlock => DownBlock(graph, x, modules, name, ref side),
                _ => x,
            };
        }
        x = graph.Node("ReduceMean", [x], [Ints("axes", 2, 3), Int("keepdims", 0)]);
        return OnnxLayers.Linear(graph, x, modules.Get<Linear>("fc"));
    }

    /// <summary>Conv with its folded channel scale; updates <paramref name="side"/> to the output's.</summary>
    private static string ConvLayer(OnnxGraphBuilder graph, string input, NamedModules modules, string name, ref long side)
    {
        var conv = modules.Get<Conv2d>(name + ".conv");
        var parameters = modules.Get<torch.nn.Module>(name + ".scale").named_parameters().ToDictionary(entry => entry.name, entry => entry.parameter);
        side = (side + 2 * conv.padding![0] - conv.kernel_size[0]) / conv.stride[0] + 1;
        return OnnxLayers.Conv(graph, input, conv, (parameters["weight"].detach(), parameters["bias"].detach()));
    }

    private static string ResidualBlock(OnnxGraphBuilder graph, string input, NamedModules modules, string name, long side)
    {
        var x = OnnxLayers.Relu(graph, ConvLayer(graph, input, modules, name + ".conv1", ref side));
        x = ConvLayer(graph, x, modules, name + ".conv2", ref side);
        return OnnxLayers.Relu(graph, OnnxLayers.Add(graph, x, input));
    }

    private static string DownBlock(OnnxGraphBuilder graph, string input, NamedModules modules, string name, ref long side)
    {
        var inChannels = modules.Get<Conv2d>(name + ".conv1.conv").weight.shape[1];
        var outChannels = modules.Get<Conv2d>(name + ".conv2.conv").weight.shape[0];
        var mainSide = side;
        var main = OnnxLayers.Relu(graph, ConvLayer(graph, input, modules, name + ".conv1", ref mainSide));
        main = ConvLayer(graph, main, modules, name + ".conv2", ref mainSide);
        var pooledSide = side / 2;
        var pooled = graph.Node("AveragePool", [input], [Ints("kernel_shape", 2, 2), Ints("strides", 2, 2), Ints("pads", 0, 0, 0, 0)]);
        // ONNX pads: the begins of N, C, H, W, then their ends.
        var missing = pooledSide - mainSide;
        var alignedMain = graph.Node("Pad", [main, graph.Int64Weight("pads", [0, 0, 0, 0, 0, 0, missing, missing])], []);
        var shortcut = graph.Node("Pad", [pooled, graph.Int64Weight("pads", [0, 0, 0, 0, 0, outChannels - inChannels, 0, 0])], []);
        side = pooledSide;
        return OnnxLayers.Relu(graph, OnnxLayers.Add(graph, alignedMain, shortcut));
    }
}
