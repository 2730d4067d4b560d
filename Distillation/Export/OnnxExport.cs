using System.Globalization;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Models.Dlib;
using Google.Protobuf;
using Onnx;

namespace FaceKdGrid.Distillation.Export;

/// <summary>
/// A face network as an ONNX model (opset <see cref="OnnxGraphBuilder.Opset"/>): input <see cref="InputName"/> float
/// [N, 3, S, S] with a dynamic batch, output <see cref="OutputName"/> [N, D], the embedding as the network computes it
/// (not L2-normalised); batch norms in eval mode, folded. The preprocessing a caller must apply is in the model's
/// metadata_props (<see cref="Metadata"/>).
/// </summary>
public static class OnnxExport
{
    public const string InputName = "input";
    public const string OutputName = "embedding";

    public static ModelProto ToModel(FaceEmbedder network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var size = network.InputSize;
        var graph = new OnnxGraphBuilder(network.GetType().Name);
        var input = graph.Input(InputName, 3, size, size);
        var output = network switch
        {
            MobileFaceNet mobileFaceNet => MobileFaceNetOnnx.Emit(graph, input, mobileFaceNet),
            IResNet iresnet => IResNetOnnx.Emit(graph, input, iresnet),
            DlibResNet dlib => DlibResNetOnnx.Emit(graph, input, dlib),
            _ => throw new NotSupportedException($"no ONNX writer for {network.GetType().Name}"),
        };
        graph.Output(output, OutputName, network.EmbeddingSize);
        return graph.Build("FaceKdGrid", Metadata(network));
    }

    public static void Write(FaceEmbedder network, Stream stream)
    {
        ToModel(network).WriteTo(stream);
    }

    /// <summary>What a caller must know to feed the graph and read its output.</summary>
    public static IReadOnlyDictionary<string, string> Metadata(FaceEmbedder network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var size = network.InputSize.ToString(CultureInfo.InvariantCulture);
        var crop = network is DlibResNet
            ? $"dlib's face chip layout at {size} px (see docs/dlib-layout.md)"
            : $"aligned to the ArcFace five-point template scaled to {size} px (facekd data faces writes such crops)";
        return new Dictionary<string, string>
        {
            ["model"] = network is DlibResNet ? "dlib_face_recognition_resnet_model_v1" : ModelFactory.SpecOf(network),
            ["input_layout"] = "NCHW",
            ["channel_order"] = "RGB",
            ["input_size"] = size,
            ["crop"] = crop,
            ["pixel_range"] = "0..255",
            ["mean"] = FaceTensors.PixelMean.ToString(CultureInfo.InvariantCulture),
            ["scale"] = FaceTensors.PixelScale.ToString(CultureInfo.InvariantCulture),
            ["normalisation"] = string.Create(CultureInfo.InvariantCulture, $"input = (pixel - {FaceTensors.PixelMean}) / {FaceTensors.PixelScale}, the same for R, G and B"),
            ["embedding_size"] = network.EmbeddingSize.ToString(CultureInfo.InvariantCulture),
            ["embedding_normalised"] = "false",
            ["comparison"] = "cosine similarity; FaceKdGrid evaluates L2-normalise(embedding(face) + embedding(horizontally flipped face))",
        };
    }
}
