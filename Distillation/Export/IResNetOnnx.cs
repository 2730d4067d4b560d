using System.Globalization;
using FaceKdGrid.Distillation.Models;
using TorchSharp.Modules;

namespace FaceKdGrid.Distillation.Export;

/// <summary><see cref="IResNet"/> as ONNX nodes, layer for layer as its forward pass runs (dropout is the identity in eval).</summary>
internal static class IResNetOnnx
{
    private static readonly string[] Stages = ["layer1", "layer2", "layer3", "layer4"];

    public static string Emit(OnnxGraphBuilder graph, string input, IResNet network)
    {
        var modules = new NamedModules(network);
        var x = OnnxLayers.Conv(graph, input, modules.Get<Conv2d>("conv1"), modules.Get<BatchNorm2d>("bn1"));
        x = OnnxLayers.PRelu(graph, x, modules.Get<PReLU>("prelu"));
        foreach (var stage in Stages)
        {
            for (var index = 0; modules.Has(Block(stage, index)); index++)
            {
                x = BasicBlock(graph, x, modules, Block(stage, index));
            }
        }
        x = OnnxLayers.BatchNorm(graph, x, modules.Get<BatchNorm2d>("bn2"), spatial: true);
        x = OnnxLayers.Flatten(graph, x);
        return OnnxLayers.Linear(graph, x, modules.Get<Linear>("fc"), modules.Get<BatchNorm1d>("features"));
    }

    private static string Block(string stage, int index) => stage + "." + index.ToString(CultureInfo.InvariantCulture);

    private static string BasicBlock(OnnxGraphBuilder graph, string input, NamedModules modules, string name)
    {
        // bn1 acts on the block's input, before conv1's zero padding, so it cannot be folded into conv1.
        var x = OnnxLayers.BatchNorm(graph, input, modules.Get<BatchNorm2d>(name + ".bn1"), spatial: true);
        x = OnnxLayers.Conv(graph, x, modules.Get<Conv2d>(name + ".conv1"), modules.Get<BatchNorm2d>(name + ".bn2"));
        x = OnnxLayers.PRelu(graph, x, modules.Get<PReLU>(name + ".prelu"));
        x = OnnxLayers.Conv(graph, x, modules.Get<Conv2d>(name + ".conv2"), modules.Get<BatchNorm2d>(name + ".bn3"));
        var shortcut = modules.Has(name + ".downsample")
            ? OnnxLayers.Conv(graph, input, modules.Get<Conv2d>(name + ".downsample.0"), modules.Get<BatchNorm2d>(name + ".downsample.1"))
            : input;
        return OnnxLayers.Add(graph, x, shortcut);
    }
}
