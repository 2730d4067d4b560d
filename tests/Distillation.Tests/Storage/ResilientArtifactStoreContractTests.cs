using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.TestSupport.Storage;

namespace FaceKdGrid.Distillation.Tests.Storage;

/// <summary>The decorator keeps the contract of the store it wraps (missing artifacts, bad keys, order).</summary>
public sealed class ResilientArtifactStoreContractTests : ArtifactStoreContract, IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("facekd-resilient-").FullName;

    public ResilientArtifactStoreContractTests() => Store = new ResilientArtifactStore(new LocalFolderArtifactStore(root));

    protected override IArtifactStore Store { get; }

    protected override Task DamageAsync(string key, Func<byte[], byte[]> damage) => StoredDamage.ToFileAsync(Path.Combine(root, key), damage);

    public void Dispose() => Directory.Delete(root, recursive: true);
}
