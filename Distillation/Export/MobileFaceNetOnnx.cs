using System.Globalization;
using FaceKdGrid.Distillation.Models;
using TorchSharp.Modules;

namespace FaceKdGrid.Distillation.Export;

/// <summary><see cref="MobileFaceNet"/> as ONNX nodes, layer for layer as its forward pass runs.</summary>
internal static class MobileFaceNetOnnx
{
    public static string Emit(OnnxGraphBuilder graph, string input, MobileFaceNet network)
    {
        var modules = new NamedModules(network);
        var x = ConvBnBlock(graph, input, modules, "stem");
        x = ConvBnBlock(graph, x, modules, "stemDepthwise");
        for (var index = 0; modules.Has(Block(index)); index++)
        {
            x = InvertedResidual(graph, x, modules, Block(index));
        }
        x = ConvBnBlock(graph, x, modules, "head");
        x = ConvBnBlock(graph, x, modules, "globalDepthwise");
        x = OnnxLayers.Flatten(graph, x);
        return OnnxLayers.Linear(graph, x, modules.Get<Linear>("embedding"), modules.Get<BatchNorm1d>("features"));
    }

    private static string Block(int index) => "bottlenecks." + index.ToString(CultureInfo.InvariantCulture);

    private static string ConvBnBlock(OnnxGraphBuilder graph, string input, NamedModules modules, string name)
    {
        var x = OnnxLayers.Conv(graph, input, modules.Get<Conv2d>(name + ".conv"), modules.Get<BatchNorm2d>(name + ".bn"));
        return modules.Find<PReLU>(name + ".prelu") is { } prelu ? OnnxLayers.PRelu(graph, x, prelu) : x;
    }

    private static string InvertedResidual(OnnxGraphBuilder graph, string input, NamedModules modules, string name)
    {
        var x = ConvBnBlock(graph, input, modules, name + ".expand");
        x = ConvBnBlock(graph, x, modules, name + ".depthwise");
        x = ConvBnBlock(graph, x, modules, name + ".project");
        return modules.Get<InvertedResidual>(name).HasShortcut ? OnnxLayers.Add(graph, x, input) : x;
    }
}
