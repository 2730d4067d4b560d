namespace FaceKdGrid.Distillation.Models.Onnx;

/// <summary>
/// What a caller says about an ONNX model's input (null: the model's metadata, its input shape, or InsightFace's
/// convention decides; see <see cref="OnnxInputFormat.Resolve"/>).
/// </summary>
public sealed record OnnxInputSettings
{
    public int? InputSize { get; init; }

    /// <summary>rgb or bgr.</summary>
    public string? ChannelOrder { get; init; }

    /// <summary>nchw or nhwc.</summary>
    public string? Layout { get; init; }

    /// <summary>One value for every channel, or three in the model's channel order.</summary>
    public IReadOnlyList<double>? Mean { get; init; }

    /// <inheritdoc cref="Mean"/>
    public IReadOnlyList<double>? Scale { get; init; }
}
