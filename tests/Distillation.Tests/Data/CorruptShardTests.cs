using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Tests.Azurite;
using FaceKdGrid.TestSupport.Azurite;
using FaceKdGrid.TestSupport.Storage;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Data;

/// <summary>A shard damaged in storage fails the read of its data set, naming the shard and its checksum.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CorruptShardTests : IDisposable
{
    private readonly AzuriteFixture azurite;
    private readonly string root = Directory.CreateTempSubdirectory("facekd-shards-").FullName;

    public CorruptShardTests(AzuriteFixture azurite)
    {
        this.azurite = azurite;
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Theory]
    [InlineData(true, nameof(StoredDamage.Truncate))]
    [InlineData(true, nameof(StoredDamage.FlipBit))]
    [InlineData(false, nameof(StoredDamage.Truncate))]
    [InlineData(false, nameof(StoredDamage.FlipBit))]
    public async Task ADamagedShardFailsTheReadWithItsKeyAndAChecksumMismatch(bool inAzurite, string damage)
    {
        var stored = inAzurite ? DamageableStore.InAzurite(azurite) : DamageableStore.InFolder(root);
        using var faces = FaceShardTests.RandomFaces(12, 8, labeled: true);
        var index = await DatasetArtifacts.WriteFacesAsync(stored.Store, "pool", faces, shardSize: 4);
        var damaged = index.Shards[1].Key;
        await stored.DamageAsync(damaged, damage);

        var error = await Assert.ThrowsAsync<ArtifactCorruptException>(() => DatasetArtifacts.ReadFacesAsync(stored.Store, index));

        Assert.Equal(damaged, error.Key);
        Assert.Contains($"artifact '{damaged}' is corrupt: its checksum did not match", error.Message);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
