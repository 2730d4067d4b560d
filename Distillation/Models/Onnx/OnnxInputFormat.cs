using System.Globalization;
using FaceKdGrid.Distillation.Data;

namespace FaceKdGrid.Distillation.Models.Onnx;

/// <summary>
/// How an ONNX face model wants its input: the crop side, the channel order, the tensor layout and the normalisation
/// input = (pixel − mean) / scale per channel, pixels 0..255 in the listed channel order. Each value comes from the
/// caller (a sweep spec or a command line), else from the model's metadata_props (the keys below, as FaceKdGrid's
/// exporter writes them), else from the input's shape or InsightFace's convention (RGB, the grid's own (x − 127.5) / 127.5, 112 px).
/// </summary>
public sealed record OnnxInputFormat
{
    public const string InputSizeKey = "input_size";
    public const string ChannelOrderKey = "channel_order";
    public const string LayoutKey = "input_layout";
    public const string MeanKey = "mean";
    public const string ScaleKey = "scale";
    public const string EmbeddingSizeKey = "embedding_size";

    public const string Rgb = "rgb";
    public const string Bgr = "bgr";
    public const string Nchw = "nchw";
    public const string Nhwc = "nhwc";

    /// <summary>The crop side InsightFace models take, when the input shape leaves it open.</summary>
    public const int InsightFaceInputSize = 112;

    public static IReadOnlyList<string> ChannelOrders { get; } = [Rgb, Bgr];

    public static IReadOnlyList<string> Layouts { get; } = [Nchw, Nhwc];

    public required int InputSize { get; init; }

    /// <summary><see cref="Rgb"/> or <see cref="Bgr"/>.</summary>
    public required string ChannelOrder { get; init; }

    /// <summary><see cref="Nchw"/> or <see cref="Nhwc"/>.</summary>
    public required string Layout { get; init; }

    /// <summary>Per channel, in the model's channel order.</summary>
    public required IReadOnlyList<double> Mean { get; init; }

    /// <summary>Per channel, in the model's channel order; input = (pixel − mean) / scale.</summary>
    public required IReadOnlyList<double> Scale { get; init; }

    /// <summary>
    /// The format of a model whose input has <paramref name="inputShape"/> (−1 for a dynamic dimension), from
    /// <paramref name="given"/> over <paramref name="metadata"/> over the shape and InsightFace's defaults.
    /// </summary>
    /// <exception cref="ArgumentException">A value is malformed, or contradicts the input shape; the message names the key.</exception>
    public static OnnxInputFormat Resolve(OnnxInputSettings given, IReadOnlyDictionary<string, string> metadata, IReadOnlyList<long> inputShape)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(metadata);
        var layout = Named(given.Layout, metadata, LayoutKey, Layouts) ?? (inputShape[^1] == 3 && inputShape[1] != 3 ? Nhwc : Nchw);
        var (channelAxis, sizeAxes) = layout == Nchw ? (1, new[] { 2, 3 }) : (3, new[] { 1, 2 });
        if (inputShape[channelAxis] is not (3 or -1))
        {
            throw new ArgumentException($"{LayoutKey}: the model's input [{Shape(inputShape)}] has no 3 colour channels at axis {channelAxis} for layout {layout}", LayoutKey);
        }
        var shapeSize = sizeAxes.Select(axis => inputShape[axis]).Where(size => size > 0).Distinct().ToList();
        if (shapeSize.Count > 1)
        {
            throw new ArgumentException($"{InputSizeKey}: the model's input [{Shape(inputShape)}] is not square", InputSizeKey);
        }
        var size = given.InputSize ?? Number(metadata, InputSizeKey) ?? (shapeSize.Count == 1 ? shapeSize[0] : InsightFaceInputSize);
        if (size < 1 || (shapeSize.Count == 1 && size != shapeSize[0]))
        {
            throw new ArgumentException($"{InputSizeKey}: {size} px, but the model's input is [{Shape(inputShape)}]", InputSizeKey);
        }
        return new OnnxInputFormat
        {
            InputSize = (int)size,
            ChannelOrder = Named(given.ChannelOrder, metadata, ChannelOrderKey, ChannelOrders) ?? Rgb,
            Layout = layout,
            Mean = PerChannel(given.Mean, metadata, MeanKey) ?? [FaceTensors.PixelMean, FaceTensors.PixelMean, FaceTensors.PixelMean],
            Scale = RequirePositive(PerChannel(given.Scale, metadata, ScaleKey) ?? [FaceTensors.PixelScale, FaceTensors.PixelScale, FaceTensors.PixelScale]),
        };
    }

    /// <summary>A short description for logs and reports, e.g. "112 px RGB NCHW, (x − 127.5) / 127.5".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{InputSize} px {ChannelOrder.ToUpperInvariant()} {Layout.ToUpperInvariant()}, (x − [{string.Join(", ", Mean)}]) / [{string.Join(", ", Scale)}]");

    private static string? Named(string? given, IReadOnlyDictionary<string, string> metadata, string key, IReadOnlyList<string> names)
    {
        var text = given ?? (metadata.TryGetValue(key, out var stored) ? stored : null);
        if (text is null)
        {
            return null;
        }
        var name = text.Trim().ToLowerInvariant();
        return names.Contains(name) ? name : throw new ArgumentException($"{key}: '{text}' is not one of {string.Join(", ", names)}", key);
    }

    private static long? Number(IReadOnlyDictionary<string, string> metadata, string key) =>
        !metadata.TryGetValue(key, out var text) ? null
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArgumentException($"{key}: the model's metadata value '{text}' is not a whole number", key);

    /// <summary>One value for all channels, or three.</summary>
    private static IReadOnlyList<double>? PerChannel(IReadOnlyList<double>? given, IReadOnlyDictionary<string, string> metadata, string key)
    {
        var values = given;
        if (values is null && metadata.TryGetValue(key, out var text))
        {
            values = text.Trim('[', ']', ' ').Split(',', StringSplitOptions.TrimEntries)
                .Select(part => double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
                    : throw new ArgumentException($"{key}: the model's metadata value '{text}' is not one number or three", key))
                .ToList();
        }
        return values switch
        {
            null => null,
            { Count: 1 } => [values[0], values[0], values[0]],
            { Count: 3 } => values,
            _ => throw new ArgumentException($"{key}: give one number or three (one per channel), not {values.Count}", key),
        };
    }

    private static IReadOnlyList<double> RequirePositive(IReadOnlyList<double> scale) =>
        scale.All(value => double.IsFinite(value) && value > 0) ? scale
            : throw new ArgumentException($"{ScaleKey}: [{string.Join(", ", scale)}] must be positive numbers (input = (pixel − mean) / scale)", ScaleKey);

    internal static string Shape(IReadOnlyList<long> shape) => string.Join(", ", shape.Select(size => size < 0 ? "?" : size.ToString(CultureInfo.InvariantCulture)));
}
