using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Tests.Training;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Data;

public sealed class DeviceShardsTests
{
    public DeviceShardsTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public void OnTheCpuTheShardsAreUsedAsTheyAreAndOutliveIt()
    {
        using var shard = ToyData.Create(8, 8, 2, seed: 1);
        IReadOnlyList<FaceSet> shards = [shard];

        using (var resident = new DeviceShards(shards, torch.CPU))
        {
            Assert.Same(shards, resident.Shards);
        }

        // Still usable: a disposed tensor would throw here.
        using var total = shard.Images.sum();
        Assert.True(total.item<long>() > 0);
    }
}
