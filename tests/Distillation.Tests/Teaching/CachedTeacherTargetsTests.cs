using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Tests.Training;
using FaceKdGrid.Distillation.Training;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Teaching;

public sealed class CachedTeacherTargetsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("facekd-cache-").FullName;

    public CachedTeacherTargetsTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public void CachedOutputsEqualTheLiveTeacherAndASecondTrialRunsNoTeacherPass()
    {
        using var shardA = ToyData.Create(48, 8, 2, seed: 1);
        using var shardB = ToyData.Create(32, 8, 2, seed: 2);
        using var source = new FaceSetBatchSource([shardA, shardB], 16, new TrialRandomness(7), torch.CPU);
        var teacher = new ToyEmbedder(8, 6, seed: 1);
        var cache = new ArtifactTeacherOutputCache(new LocalFolderArtifactStore(root));
        TeacherCacheKey KeyOf(int epoch, int shard) => TeacherCacheKey.ForBatches("toy", "set", "none", 7, 16, epoch, shard);
        var (liveUsage, firstUsage, secondUsage) = (new TeacherUsage(), new TeacherUsage(), new TeacherUsage());
        var live = new LiveTeacherTargets(teacher, liveUsage);
        using var first = new CachedTeacherTargets(teacher, source, cache, KeyOf, firstUsage);
        using var second = new CachedTeacherTargets(teacher, source, cache, KeyOf, secondUsage);

        for (var epoch = 0; epoch < 2; epoch++)
        {
            for (var index = 0; index < source.BatchesPerEpoch; index++)
            {
                using var scope = torch.NewDisposeScope();
                var batch = source.GetBatch(epoch, index);
                var expected = live.For(batch);
                Assert.True(expected.allclose(first.For(batch), rtol: 0, atol: 1e-6));
                Assert.True(expected.allclose(second.For(batch), rtol: 0, atol: 1e-6));
            }
        }

        // Two epochs of 5 batches over two shards: the live teacher runs every batch, the first trial fills the cache
        // (4 shard-epochs) and the second only reads it.
        Assert.Equal((2 * 5, 0), (liveUsage.ForwardPasses, liveUsage.CacheHits));
        Assert.Equal((2 * 5, 0), (firstUsage.ForwardPasses, firstUsage.CacheHits));
        Assert.Equal((0, 4), (secondUsage.ForwardPasses, secondUsage.CacheHits));
        Assert.Equal(4, cache.Computed);
        Assert.Equal(4, cache.Reused);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
