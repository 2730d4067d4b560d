using System.Diagnostics;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Synth;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Synth;

[Collection(nameof(MemoryMeasurementCollection))]
public sealed class SynthFaceMemoryTests
{
    public SynthFaceMemoryTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public void RenderingThousandsOfImagesKeepsMemoryBounded()
    {
        var generator = new SynthFaceGenerator(new SynthFaceOptions(32, seed: 8));
        generator.RenderUnlabeledPool(0, 10, 200, 0).Dispose();
        var liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        GC.Collect();
        var rssBefore = Process.GetCurrentProcess().WorkingSet64;

        using (var pool = generator.RenderUnlabeledPool(0, 50, 3000, 1.0))
        {
            Assert.Equal(3000, pool.Count);
        }

        GC.Collect();
        var rssGrowth = Process.GetCurrentProcess().WorkingSet64 - rssBefore;
        // Every tensor made while rendering was released with its batch's scope...
        Assert.Equal(liveBefore, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        // ...so memory stays near the pool's own 9 MB plus what the allocators keep cached (a few hundred MB at most
        // after earlier tests); a leak would be about 100 MB per 64-image batch, several GB for these 47 batches.
        Assert.True(rssGrowth < 1L << 30, $"resident memory grew by {rssGrowth >> 20} MB");
    }
}
