using Azure.Storage.Blobs;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.TestSupport.Azurite;

namespace FaceKdGrid.TestSupport.Storage;

/// <summary>An artifact store as the grid runs it (behind its resilience pipeline), and a way to damage what it holds.</summary>
public sealed class DamageableStore
{
    private readonly Func<string, Func<byte[], byte[]>, Task> damage;

    private DamageableStore(IArtifactStore inner, Func<string, Func<byte[], byte[]>, Task> damage)
    {
        Store = new ResilientArtifactStore(inner);
        this.damage = damage;
    }

    public IArtifactStore Store { get; }

    /// <summary>A fresh container in <paramref name="azurite"/>.</summary>
    public static DamageableStore InAzurite(AzuriteFixture azurite)
    {
        var container = $"test-{Guid.NewGuid():N}";
        var blobs = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(container);
        return new DamageableStore(new AzureBlobArtifactStore(azurite.ConnectionString, container),
            (key, change) => StoredDamage.ToBlobAsync(blobs.GetBlobClient(key), change));
    }

    /// <summary>The embedded default's store, in <paramref name="root"/>.</summary>
    public static DamageableStore InFolder(string root) =>
        new(new LocalFolderArtifactStore(root), (key, change) => StoredDamage.ToFileAsync(Path.Combine(root, key), change));

    /// <summary>Applies the damage <see cref="StoredDamage.Named"/> names to the stored content of <paramref name="key"/>.</summary>
    public Task DamageAsync(string key, string damageName) => damage(key, StoredDamage.Named(damageName));
}
