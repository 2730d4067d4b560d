using FaceKdGrid.Distillation.Export;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Models.Onnx;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Models;

/// <summary>
/// The CPU path of ONNX Runtime's CUDA provider: on a machine without a GPU or CUDA's libraries (this one, CI), a model
/// asked to run on cuda fails with an error that says so and why, and is never run on the CPU instead.
/// </summary>
public sealed class OnnxExecutionProviderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("facekd-onnx-provider-").FullName;

    public OnnxExecutionProviderTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Fact]
    public void AModelAskedToRunOnCudaWhereOnnxRuntimeCannotUseCudaFailsNamingTheProviderAndWhatItNeeds()
    {
        var path = Export();

        var refused = Assert.Throws<InvalidOperationException>(() => OnnxExecutionProvider.Open(path, new Device(DeviceType.CUDA, 0)));

        Assert.Contains(path, refused.Message, StringComparison.Ordinal);
        Assert.Contains("asked to run on cuda:0", refused.Message, StringComparison.Ordinal);
        Assert.Contains("CUDA execution provider cannot be used", refused.Message, StringComparison.Ordinal);
        // This machine has the provider (the GPU build of ONNX Runtime) but not CUDA's libraries: the loader's reason is given.
        Assert.Contains("libonnxruntime_providers_cuda.so does not load: lib", refused.Message, StringComparison.Ordinal);
        Assert.Contains(OnnxExecutionProvider.CudaRequirements, refused.Message, StringComparison.Ordinal);
        Assert.Contains("not run on the CPU instead", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(refused.InnerException);
    }

    [Fact]
    public void TheCpuRunsTheSameModelThere()
    {
        using var session = OnnxExecutionProvider.Open(Export(), CPU);

        Assert.Single(session.InputMetadata);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Export()
    {
        using var network = new MobileFaceNet(new MobileFaceNetConfig(0.25, 0.5, 32, 16));
        var path = Path.Combine(folder, "model.onnx");
        ModelExport.Write(network, ExportFormat.Onnx, path, overwrite: true);
        return path;
    }
}
