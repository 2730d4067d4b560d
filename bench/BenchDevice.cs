using System.Diagnostics;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Bench;

/// <summary>The device a benchmark runs on, with wall-clock timing that waits for queued device work.</summary>
internal sealed class BenchDevice
{
    private BenchDevice(Device device)
    {
        Device = device;
    }

    public Device Device { get; }

    public bool IsCpu => Device.type == DeviceType.CPU;

    /// <summary>Loads libtorch (FACEKD_LIBTORCH_DIR when set), sets the thread count and resolves the device.</summary>
    public static BenchDevice Start(BenchSettings settings)
    {
        TorchRuntime.Initialise(cpuThreads: settings.Threads);
        return new BenchDevice(TorchRuntime.ResolveDevice(settings.Device));
    }

    public void Synchronize()
    {
        if (Device.type == DeviceType.CUDA)
        {
            torch.cuda.synchronize(Device);
        }
    }

    /// <summary>How long <paramref name="work"/> takes, including the device work it queues.</summary>
    public Timing Time(Action work) => TimeAsync(() =>
    {
        work();
        return Task.CompletedTask;
    }).GetAwaiter().GetResult();

    /// <inheritdoc cref="Time(Action)"/>
    public async Task<Timing> TimeAsync(Func<Task> work)
    {
        Synchronize();
        var cpuStart = Timing.ProcessCpuSeconds();
        var clock = Stopwatch.StartNew();
        await work();
        Synchronize();
        return new Timing(clock.Elapsed.TotalSeconds, Timing.ProcessCpuSeconds() - cpuStart);
    }
}
