using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Runtime;

/// <summary>
/// Process-wide TorchSharp set-up: an optional external libtorch (e.g. a CUDA PyTorch install's torch/lib),
/// the CPU thread count, and the device trials run on.
/// </summary>
public static class TorchRuntime
{
    /// <summary>Environment variable naming a libtorch folder to load instead of the packaged CPU build.</summary>
    public const string LibTorchDirVariable = "FACEKD_LIBTORCH_DIR";

    private static readonly Lock Gate = new();
    private static bool initialised;

    /// <summary>
    /// Loads libtorch once per process. With <paramref name="libTorchDirectory"/> (or FACEKD_LIBTORCH_DIR) the
    /// libraries in that folder are loaded first, so TorchSharp binds to them (CUDA when that build has it).
    /// </summary>
    public static void Initialise(string? libTorchDirectory = null, int? cpuThreads = null)
    {
        lock (Gate)
        {
            if (!initialised)
            {
                var directory = libTorchDirectory ?? Environment.GetEnvironmentVariable(LibTorchDirVariable);
                if (!string.IsNullOrWhiteSpace(directory))
                {
                    PreloadLibTorch(directory);
                }
                torch.InitializeDeviceType(DeviceType.CPU);
                initialised = true;
            }
            if (cpuThreads is { } threads)
            {
                if (threads < 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(cpuThreads), threads, "cpu thread count must be at least 1");
                }
                torch.set_num_threads(threads);
            }
        }
    }

    /// <summary>Parses "cpu", "cuda", "cuda:N" or "auto" (CUDA when available, else CPU).</summary>
    public static Device ResolveDevice(string name)
    {
        Initialise();
        if (string.Equals(name, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        }
        if (name.StartsWith("cuda", StringComparison.OrdinalIgnoreCase) && !torch.cuda.is_available())
        {
            throw new InvalidOperationException($"device '{name}' was asked for but CUDA is not available in the loaded libtorch");
        }
        return torch.device(name);
    }

    private static void PreloadLibTorch(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"libtorch directory '{directory}' ({LibTorchDirVariable}) does not exist");
        }
        // Order matters: each library's dependencies must already be loaded.
        string[] names = ["libc10.so", "libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so"];
        foreach (var name in names)
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                NativeLibrary.Load(path);
            }
        }
    }
}
