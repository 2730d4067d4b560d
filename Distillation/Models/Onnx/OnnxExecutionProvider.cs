using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models.Onnx;

/// <summary>
/// Where ONNX Runtime runs a model for a TorchSharp device: CUDA's execution provider on that GPU for a CUDA device,
/// the CPU otherwise. A model asked to run on CUDA never falls back to the CPU: when the CUDA provider cannot be used
/// the error names the library that failed and what it needs.
/// </summary>
public static class OnnxExecutionProvider
{
    private const string CudaProvider = "CUDAExecutionProvider";
    private const string CudaProviderLibrary = "libonnxruntime_providers_cuda.so";

    /// <summary>What the CUDA provider of the referenced ONNX Runtime build (Microsoft.ML.OnnxRuntime.Gpu.Linux 1.32) loads.</summary>
    public const string CudaRequirements =
        "an NVIDIA GPU and driver, CUDA 13 (libcudart.so.13, libcublas.so.13, libcublasLt.so.13, libcurand.so.10) and cuDNN 9 (libcudnn.so.9) on the library path";

    /// <summary>Opens <paramref name="path"/> in a session that runs on <paramref name="device"/>.</summary>
    /// <exception cref="InvalidDataException">ONNX Runtime cannot load the file as a model.</exception>
    /// <exception cref="InvalidOperationException">The device is a CUDA device and ONNX Runtime cannot use CUDA; the message says why.</exception>
    public static InferenceSession Open(string path, Device device)
    {
        using var options = device.type == DeviceType.CUDA ? CudaOptions(path, device) : CpuOptions();
        try
        {
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException error) when (device.type == DeviceType.CUDA)
        {
            throw CudaRefused(path, device, error.Message, error);
        }
        catch (OnnxRuntimeException error)
        {
            throw new InvalidDataException($"'{path}' is not an ONNX model ONNX Runtime can load: {error.Message}", error);
        }
    }

    /// <summary>CPU sessions use as many threads as TorchSharp, so a trial's thread budget holds for its teacher too.</summary>
    private static SessionOptions CpuOptions() => new() { IntraOpNumThreads = torch.get_num_threads(), InterOpNumThreads = 1 };

    private static SessionOptions CudaOptions(string path, Device device)
    {
        if (!OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider))
        {
            throw CudaRefused(path, device, "this build of ONNX Runtime has no CUDA execution provider (it comes with Microsoft.ML.OnnxRuntime.Gpu.Linux, on linux-x64)", null);
        }
        var options = new SessionOptions();
        try
        {
            options.AppendExecutionProvider_CUDA(Math.Max(device.index, 0));
            return options;
        }
        catch (OnnxRuntimeException error)
        {
            options.Dispose();
            throw CudaRefused(path, device, $"{error.Message}{WhyTheProviderDoesNotLoad()}", error);
        }
    }

    private static InvalidOperationException CudaRefused(string path, Device device, string problem, Exception? inner) =>
        new($"the ONNX model '{path}' was asked to run on {device}, but ONNX Runtime's CUDA execution provider cannot be used: {problem}. " +
            $"It needs {CudaRequirements}. The model is not run on the CPU instead: run it on device cpu, or give this machine what it needs.", inner);

    /// <summary>
    /// ONNX Runtime's own message only says "Failed to load shared library"; loading the provider here gives the loader's
    /// reason, e.g. "libcublasLt.so.13: cannot open shared object file".
    /// </summary>
    private static string WhyTheProviderDoesNotLoad()
    {
        var provider = ProviderFolders().Select(folder => Path.Combine(folder, CudaProviderLibrary)).FirstOrDefault(File.Exists);
        if (provider is null)
        {
            return $" ({CudaProviderLibrary} is not beside libonnxruntime.so)";
        }
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(provider));
            return "";
        }
        catch (DllNotFoundException error)
        {
            // .NET's message ends with the loader's own lines, after advice on strace and LD_DEBUG.
            return $" ({CudaProviderLibrary} does not load: {error.Message.Trim().Split('\n')[^1].Trim()})";
        }
    }

    /// <summary>Where libonnxruntime.so lies: the app's folder (a published app) or runtimes/RID/native (a build).</summary>
    private static IEnumerable<string> ProviderFolders() =>
        [AppContext.BaseDirectory, Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native")];
}
