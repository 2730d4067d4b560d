using System.Globalization;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models;

/// <summary>
/// Builds a backbone from a short spec, for configuration files and command lines: <c>name[:key=value,...]</c>, e.g.
/// <c>mobilefacenet</c>, <c>mobilefacenet:width=0.5,depth=1</c>, <c>iresnet50</c>, <c>iresnet18:width=0.25</c>,
/// <c>iresnet:layers=1-1-1-1,width=0.25</c>. Names and keys are case-insensitive.
/// </summary>
public static class ModelFactory
{
    private const string MobileFaceNetName = "mobilefacenet";
    private const string IResNetName = "iresnet";

    private static readonly string[] MobileFaceNetKeys = ["width", "depth"];
    private static readonly string[] IResNetKeys = ["width", "dropout"];
    private static readonly string[] CustomIResNetKeys = ["layers", "width", "dropout"];

    /// <summary>Every backbone name a spec may start with.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [MobileFaceNetName, .. IResNetConfig.KnownDepths.Select(depth => IResNetName + depth.ToString(CultureInfo.InvariantCulture)), IResNetName];

    /// <summary>Builds the backbone <paramref name="spec"/> names, for crops of <paramref name="inputSize"/> pixels.</summary>
    /// <param name="randomness">Draws the initial weights (and an IResNet's dropout masks); null: torch's process-wide generator.</param>
    public static FaceEmbedder Create(string spec, int inputSize, int embeddingSize, Generator? randomness = null)
    {
        return Parse(spec, inputSize, embeddingSize)(randomness);
    }

    /// <summary>Checks <paramref name="spec"/> with the same rules as <see cref="Create"/>, without building anything.</summary>
    public static void Validate(string spec, int inputSize, int embeddingSize)
    {
        Parse(spec, inputSize, embeddingSize);
    }

    /// <summary>
    /// The spec that <see cref="Create"/> turns back into <paramref name="network"/>'s architecture (with its input and
    /// embedding sizes), e.g. to record in a checkpoint or an exported model what was trained.
    /// </summary>
    public static string SpecOf(FaceEmbedder network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network switch
        {
            MobileFaceNet { Config: var config } => string.Create(CultureInfo.InvariantCulture, $"{MobileFaceNetName}:width={config.Width:R},depth={config.Depth:R}"),
            IResNet { Config: var config } => string.Create(CultureInfo.InvariantCulture,
                $"{IResNetName}:layers={string.Join('-', config.ResolvedLayers)},width={config.Width:R},dropout={config.Dropout:R}"),
            _ => throw new ArgumentException($"{network.GetType().Name} is not built from a model spec", nameof(network)),
        };
    }

    private static Func<Generator?, FaceEmbedder> Parse(string spec, int inputSize, int embeddingSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        var separator = spec.IndexOf(':');
        var name = (separator < 0 ? spec : spec[..separator]).Trim().ToLowerInvariant();
        var arguments = ParseArguments(spec, separator < 0 ? "" : spec[(separator + 1)..]);
        if (name == MobileFaceNetName)
        {
            RequireKnownKeys(spec, arguments, MobileFaceNetKeys);
            var config = new MobileFaceNetConfig(
                GetNumber(spec, arguments, "width", 1.0), GetNumber(spec, arguments, "depth", 1.0), inputSize, embeddingSize);
            return randomness => new MobileFaceNet(config, randomness);
        }
        if (name == IResNetName)
        {
            RequireKnownKeys(spec, arguments, CustomIResNetKeys);
            if (!arguments.ContainsKey("layers"))
            {
                throw new ArgumentException($"model spec '{spec}': '{IResNetName}' needs layers=a-b-c-d (or use one of {string.Join(", ", Names)})", nameof(spec));
            }
            return IResNetBuilder(spec, arguments, new IResNetConfig(InputSize: inputSize, EmbeddingSize: embeddingSize) { Layers = GetLayers(spec, arguments["layers"]) });
        }
        if (name.StartsWith(IResNetName, StringComparison.Ordinal)
            && int.TryParse(name[IResNetName.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var depth)
            && IResNetConfig.KnownDepths.Contains(depth))
        {
            RequireKnownKeys(spec, arguments, IResNetKeys);
            return IResNetBuilder(spec, arguments, new IResNetConfig(depth, InputSize: inputSize, EmbeddingSize: embeddingSize));
        }
        throw new ArgumentException($"model spec '{spec}': unknown backbone '{name}'; valid names: {string.Join(", ", Names)}", nameof(spec));
    }

    private static Func<Generator?, FaceEmbedder> IResNetBuilder(string spec, Dictionary<string, string> arguments, IResNetConfig baseConfig)
    {
        var config = baseConfig with
        {
            Width = GetNumber(spec, arguments, "width", 1.0),
            Dropout = GetNumber(spec, arguments, "dropout", 0.0),
        };
        return randomness => new IResNet(config, randomness);
    }

    private static Dictionary<string, string> ParseArguments(string spec, string text)
    {
        var arguments = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw new ArgumentException($"model spec '{spec}': '{pair}' is not key=value", nameof(spec));
            }
            if (!arguments.TryAdd(parts[0], parts[1]))
            {
                throw new ArgumentException($"model spec '{spec}': key '{parts[0]}' is given twice", nameof(spec));
            }
        }
        return arguments;
    }

    private static void RequireKnownKeys(string spec, Dictionary<string, string> arguments, string[] validKeys)
    {
        var unknown = arguments.Keys.FirstOrDefault(key => !validKeys.Contains(key, StringComparer.OrdinalIgnoreCase));
        if (unknown is not null)
        {
            throw new ArgumentException($"model spec '{spec}': unknown key '{unknown}'; valid keys: {string.Join(", ", validKeys)}", nameof(spec));
        }
    }

    private static double GetNumber(string spec, Dictionary<string, string> arguments, string key, double fallback)
    {
        if (!arguments.TryGetValue(key, out var text))
        {
            return fallback;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new ArgumentException($"model spec '{spec}': {key}='{text}' is not a number", nameof(spec));
        }
        return value;
    }

    private static int[] GetLayers(string spec, string text)
    {
        var parts = text.Split('-');
        var layers = new int[parts.Length];
        for (var index = 0; index < parts.Length; index++)
        {
            if (!int.TryParse(parts[index], NumberStyles.None, CultureInfo.InvariantCulture, out layers[index]))
            {
                throw new ArgumentException($"model spec '{spec}': layers='{text}' must be four block counts like 2-2-2-2", nameof(spec));
            }
        }
        return layers;
    }
}
