using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Export;

/// <summary>Runs an exported ONNX model with ONNX Runtime (one thread) on a TorchSharp input.</summary>
internal sealed class OnnxRunner : IDisposable
{
    private readonly InferenceSession session;

    public OnnxRunner(byte[] model)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        session = new InferenceSession(model, options);
    }

    public InferenceSession Session => session;

    /// <summary>The model's single output for <paramref name="input"/> [N, 3, S, S], as a tensor [N, D].</summary>
    public Tensor Run(string inputName, Tensor input)
    {
        using var contiguous = input.contiguous();
        var dense = new DenseTensor(contiguous.data<float>().ToArray(), [.. contiguous.shape.Select(size => (int)size)]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, dense)]);
        var output = results.Single().AsTensor<float>();
        return tensor(output.ToArray(), [.. output.Dimensions.ToArray().Select(size => (long)size)]);
    }

    public void Dispose() => session.Dispose();
}
