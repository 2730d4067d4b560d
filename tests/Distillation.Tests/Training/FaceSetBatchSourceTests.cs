using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Training;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Training;

public sealed class FaceSetBatchSourceTests
{
    public FaceSetBatchSourceTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public void TheSameCoordinatesGiveTheSameBatchAndEpochsReshuffle()
    {
        using var data = ToyData.Create(64, 8, 4, seed: 1);
        using var source = new FaceSetBatchSource([data], 16, new TrialRandomness(5), torch.CPU);
        using var again = new FaceSetBatchSource([data], 16, new TrialRandomness(5), torch.CPU);

        var first = source.GetBatch(0, 1);
        Assert.True(first.Input.allclose(again.GetBatch(0, 1).Input, rtol: 0, atol: 0));
        Assert.False(first.Input.allclose(source.GetBatch(1, 1).Input, rtol: 0, atol: 0));
        Assert.Equal(4, source.BatchesPerEpoch);
    }

    [Fact]
    public void BatchesNeverSpanShardsAndDropIncompleteTails()
    {
        using var shardA = ToyData.Create(40, 8, 1, seed: 1);
        using var shardB = ToyData.Create(20, 8, 1, seed: 2);
        using var labeledA = new FaceKdGrid.Distillation.Data.FaceSet(shardA.Images, torch.zeros(40, dtype: torch.int64));
        using var labeledB = new FaceKdGrid.Distillation.Data.FaceSet(shardB.Images, torch.ones(20, dtype: torch.int64));
        using var source = new FaceSetBatchSource([labeledA, labeledB], 16, new TrialRandomness(1), torch.CPU);

        Assert.Equal([2, 1], source.BatchesPerShard);
        for (var i = 0; i < source.BatchesPerEpoch; i++)
        {
            var batch = source.GetBatch(0, i);
            var labels = batch.Labels!;
            Assert.Equal(batch.Shard, labels[0].item<long>());
            Assert.True(labels.eq(labels[0]).all().item<bool>());
            Assert.True(batch.Input.allclose(source.GetShardBatch(0, batch.Shard, batch.IndexInShard).Input, rtol: 0, atol: 0));
        }
    }
}
