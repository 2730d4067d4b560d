using FaceKdGrid.Distillation.Data;
using Microsoft.ML.OnnxRuntime;
using TensorElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models.Onnx;

/// <summary>
/// A face model in an ONNX file, run by ONNX Runtime behind the grid's <see cref="FaceEmbedder"/> contract: it takes the
/// grid's crops (RGB in [-1, 1], any square size) and feeds the model the pixels its <see cref="OnnxInputFormat"/> asks
/// for, so teacher targets, caches, losses and evaluation treat it like any other network. ONNX Runtime runs it where
/// the crops are (<see cref="OnnxExecutionProvider"/>): on their GPU for CUDA crops, otherwise on the CPU.
/// </summary>
public sealed class OnnxEmbedder : FaceEmbedder
{
    private readonly string path;
    private readonly string inputName;
    private readonly string outputName;
    private readonly Dictionary<int, InferenceSession> sessionsByCudaDevice = [];
    private readonly Lock sessionsLock = new();
    private readonly InferenceSession cpuSession;

    private OnnxEmbedder(string path, InferenceSession session, OnnxInputFormat format, int embeddingSize, long parameters)
        : base(nameof(OnnxEmbedder))
    {
        this.path = path;
        cpuSession = session;
        inputName = session.InputMetadata.Keys.Single();
        outputName = session.OutputMetadata.Keys.First();
        Format = format;
        EmbeddingSize = embeddingSize;
        Parameters = parameters;
    }

    public OnnxInputFormat Format { get; }

    public override int EmbeddingSize { get; }

    public override int InputSize => Format.InputSize;

    /// <summary>Crops of any size are resized to <see cref="InputSize"/> (bilinear, antialiased when shrinking).</summary>
    public override bool AcceptsAnyInputSize => true;

    /// <summary>The elements of the model's initializers: its weights, which TorchSharp does not see.</summary>
    public long Parameters { get; }

    /// <summary>
    /// Opens <paramref name="path"/> and checks that it is a face model: one input of rank 4 with 3 colour channels and
    /// an output [N, D].
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model, or not one this grid can use; the message says why.</exception>
    /// <exception cref="ArgumentException">A setting is malformed or contradicts the model (ParamName: the setting's key).</exception>
    public static OnnxEmbedder Open(string path, OnnxInputSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"there is no ONNX model file at '{path}'", path);
        }
        var session = OnnxExecutionProvider.Open(path, CPU);
        try
        {
            if (session.InputMetadata.Count != 1)
            {
                throw new InvalidDataException($"'{path}' has {session.InputMetadata.Count} inputs; a face model has one, the image batch");
            }
            var input = session.InputMetadata.Values.Single();
            var inputShape = input.Dimensions.Select(size => (long)size).ToList();
            if (inputShape.Count != 4)
            {
                throw new InvalidDataException($"'{path}': the input has rank {inputShape.Count} [{OnnxInputFormat.Shape(inputShape)}]; a face model takes an image batch of rank 4, [N, 3, H, W] or [N, H, W, 3]");
            }
            if (input.ElementDataType != TensorElementType.Float)
            {
                throw new InvalidDataException($"'{path}': the input is {input.ElementDataType}; only float32 inputs are supported");
            }
            var output = session.OutputMetadata.Values.First();
            if (output.Dimensions.Length != 2 || output.Dimensions[1] < 1)
            {
                throw new InvalidDataException($"'{path}': the first output is [{string.Join(", ", output.Dimensions)}]; a face model's embedding output is [N, D] with a fixed D");
            }
            var format = OnnxInputFormat.Resolve(settings, session.ModelMetadata.CustomMetadataMap, inputShape);
            return new OnnxEmbedder(path, session, format, output.Dimensions[1], CountWeights(path));
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <param name="input">float32 [B, 3, S, S] crops, RGB in [-1, 1] (<see cref="FaceTensors.ToModelInput"/>), any S.</param>
    /// <returns>The model's embeddings [B, D], float32 on the input's device.</returns>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != 3 || input.shape[2] != input.shape[3])
        {
            throw new ArgumentException($"expected square RGB crops [B, 3, S, S], got [{string.Join(", ", input.shape)}]", nameof(input));
        }
        using var scope = torch.NewDisposeScope();
        var batch = input.shape[0];
        var pixels = Pixels(input.to_type(ScalarType.Float32));
        var session = SessionFor(input.device);
        var data = pixels.contiguous().cpu().data<float>().ToArray();
        using var value = OrtValue.CreateTensorValueFromMemory(data, pixels.shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [inputName], [value], [outputName]);
        var embeddings = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        if (embeddings.Length != batch * EmbeddingSize)
        {
            throw new InvalidDataException($"'{path}' returned {embeddings.Length} values for {batch} faces of {EmbeddingSize}-d embeddings");
        }
        return torch.tensor(embeddings, [batch, EmbeddingSize]).to(input.device).MoveToOuterDisposeScope();
    }

    /// <summary>The grid's crops as the model's input tensor: resized, in its channel order and layout, normalised its way.</summary>
    private Tensor Pixels(Tensor crops)
    {
        if (crops.shape[2] != InputSize)
        {
            crops = nn.functional.interpolate(crops, [InputSize, InputSize], mode: InterpolationMode.Bilinear,
                align_corners: false, antialias: crops.shape[2] > InputSize);
        }
        var pixels = FaceTensors.ToPixels(crops);
        if (Format.ChannelOrder == OnnxInputFormat.Bgr)
        {
            pixels = pixels.flip(1);
        }
        var mean = torch.tensor(Format.Mean.Select(value => (float)value).ToArray(), device: pixels.device).view(1, 3, 1, 1);
        var scale = torch.tensor(Format.Scale.Select(value => (float)value).ToArray(), device: pixels.device).view(1, 3, 1, 1);
        var normalised = pixels.sub(mean).div(scale);
        return Format.Layout == OnnxInputFormat.Nhwc ? normalised.permute(0, 2, 3, 1) : normalised;
    }

    /// <summary>The CPU session for CPU crops; for a CUDA device's crops, a session on that GPU (opened on first use).</summary>
    private InferenceSession SessionFor(Device device)
    {
        if (device.type != DeviceType.CUDA)
        {
            return cpuSession;
        }
        lock (sessionsLock)
        {
            if (!sessionsByCudaDevice.TryGetValue(device.index, out var session))
            {
                session = OnnxExecutionProvider.Open(path, device);
                sessionsByCudaDevice[device.index] = session;
            }
            return session;
        }
    }

    private static long CountWeights(string path)
    {
        using var file = File.OpenRead(path);
        var model = ModelProto.Parser.ParseFrom(file);
        return model.Graph.Initializer.Sum(tensor => tensor.Dims.Aggregate(1L, (count, size) => count * size));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            cpuSession.Dispose();
            foreach (var session in sessionsByCudaDevice.Values)
            {
                session.Dispose();
            }
        }
        base.Dispose(disposing);
    }
}
