using System.Diagnostics;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Synth;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Synth;

public sealed class SynthFaceSpeed
{
    [Fact]
    [Trait("Category", "Tuning")]
    public void RenderSpeed()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        foreach (var (size, count) in new[] { (32, 512), (112, 128) })
        {
            var generator = new SynthFaceGenerator(new SynthFaceOptions(size, seed: 1));
            generator.RenderUnlabeledPool(0, 10, 64, 0).Dispose();
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            generator.RenderUnlabeledPool(0, 100, count, 0).Dispose();
            process.Refresh();
            var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds / count;
            File.AppendAllLines("/tmp/synth/speed.txt", [$"{DateTime.Now:HH:mm:ss} {size}px: {cpuMs:F2} ms cpu/img ({1000 / cpuMs:F0} img/s per core), wall {count / watch.Elapsed.TotalSeconds:F0} img/s"]);
        }
    }
}
