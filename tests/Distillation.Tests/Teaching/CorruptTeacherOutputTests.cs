using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Tests.Azurite;
using FaceKdGrid.TestSupport;
using FaceKdGrid.TestSupport.Azurite;
using FaceKdGrid.TestSupport.Storage;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Teaching;

/// <summary>A teacher-output cache entry damaged in storage is computed again and stored intact over the damage.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CorruptTeacherOutputTests : IDisposable
{
    private readonly AzuriteFixture azurite;
    private readonly string root = Directory.CreateTempSubdirectory("facekd-cache-").FullName;

    public CorruptTeacherOutputTests(AzuriteFixture azurite)
    {
        this.azurite = azurite;
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Theory]
    [InlineData(true, nameof(StoredDamage.Truncate))]
    [InlineData(true, nameof(StoredDamage.FlipBit))]
    [InlineData(false, nameof(StoredDamage.FlipBit))]
    public async Task ADamagedEntryIsRecomputedAndStoredIntact(bool inAzurite, string damage)
    {
        var stored = inAzurite ? DamageableStore.InAzurite(azurite) : DamageableStore.InFolder(root);
        var logger = new ListLogger();
        var cache = new ArtifactTeacherOutputCache(stored.Store, logger);
        var key = TeacherCacheKey.ForBatches("toy", "set", "none", seed: 7, batchSize: 16, epoch: 0, shard: 0);
        using var expected = torch.arange(64, dtype: ScalarType.Float32).reshape(16, 4);
        var teacherPasses = 0;
        Tensor Teacher()
        {
            teacherPasses++;
            return expected.clone();
        }
        cache.GetOrCompute(key, Teacher).Dispose();
        await stored.DamageAsync(key.ArtifactKey, damage);

        using var outputs = cache.GetOrCompute(key, Teacher);

        Assert.Equal(2, teacherPasses);
        Assert.Equal(2, cache.Computed);
        Assert.Equal(0, cache.Reused);
        Assert.True(outputs.Equals(expected));
        Assert.Contains(logger.Lines, line => line.Contains("Recomputing", StringComparison.Ordinal) && line.Contains($"'{key.ArtifactKey}'", StringComparison.Ordinal));
        using var storedAgain = await ArtifactTensors.TryReadAsync(stored.Store, key.ArtifactKey);
        Assert.True(storedAgain!.Equals(expected));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
