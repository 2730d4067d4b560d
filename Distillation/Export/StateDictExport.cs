using System.Text;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Export;

/// <summary>
/// A network's state dict under its PyTorch names, written with TorchSharp.PyBridge as a pickled PyTorch state dict
/// (<c>torch.load</c>, then <c>load_state_dict(strict=True)</c> on the PyTorch twin in bench/peers, or InsightFace's
/// <c>iresnet</c> for IResNet) or as safetensors. The C# modules' field names are camelCase, the twins' attributes
/// snake_case; everything else (Sequential indices, weight, running_mean, ...) is the same.
/// </summary>
public static class StateDictExport
{
    /// <summary>The state dict as the PyTorch twin names it, on the CPU (tensors owned by the caller's dispose scope).</summary>
    public static Dictionary<string, Tensor> PyTorchStateDict(nn.Module network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.state_dict().ToDictionary(entry => PyTorchName(entry.Key), entry => entry.Value.detach().cpu().contiguous());
    }

    public static void WritePyTorch(nn.Module network, Stream stream)
    {
        using var scope = NewDisposeScope();
        PyTorchPickler.PickleStateDict(stream, PyTorchStateDict(network));
    }

    public static void WriteSafetensors(nn.Module network, Stream stream)
    {
        using var scope = NewDisposeScope();
        Safetensors.SaveStateDict(stream, PyTorchStateDict(network));
    }

    /// <summary>"bottlenecks.0.stemDepthwise.conv.weight" → "bottlenecks.0.stem_depthwise.conv.weight".</summary>
    public static string PyTorchName(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var index = 0; index < name.Length; index++)
        {
            var character = name[index];
            if (char.IsUpper(character) && index > 0 && name[index - 1] != '.')
            {
                builder.Append('_');
            }
            builder.Append(char.ToLowerInvariant(character));
        }
        return builder.ToString();
    }
}
