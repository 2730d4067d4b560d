using System.Security.Cryptography;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.TestSupport.Storage;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Storage;

public sealed class LocalFolderArtifactStoreTests : ArtifactStoreContract, IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("facekd-store-").FullName;

    public LocalFolderArtifactStoreTests() => Store = new LocalFolderArtifactStore(root);

    protected override IArtifactStore Store { get; }

    protected override Task DamageAsync(string key, Func<byte[], byte[]> damage) => StoredDamage.ToFileAsync(Path.Combine(root, key), damage);

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task TheHashLiesBesideTheFileInSha256sumFormatAndIsNotAnArtifact()
    {
        var info = await Store.WriteAsync("a/b.fks", new MemoryStream([1, 2, 3]));

        Assert.Equal($"{info.Sha256}  b.fks\n", await File.ReadAllTextAsync(Path.Combine(root, "a", "b.fks.sha256")));
        Assert.Equal(["a/b.fks"], await Store.ListAsync("").ToListAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync("a/b.fks.sha256", new MemoryStream([0])));
        await Store.DeleteAsync("a/b.fks");
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "a")));
    }

    [Fact]
    public async Task AFileWithoutAHashBesideItIsHashedOnDemandAndReadsUnchecked()
    {
        Directory.CreateDirectory(Path.Combine(root, "foreign"));
        await File.WriteAllBytesAsync(Path.Combine(root, "foreign", "file"), [1, 2, 3]);

        Assert.Equal(new ArtifactInfo("foreign/file", 3, Convert.ToHexStringLower(SHA256.HashData([1, 2, 3]))), await Store.GetInfoAsync("foreign/file"));
        await using var read = await Store.OpenReadAsync("foreign/file");
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal([1, 2, 3], copy.ToArray());
    }
}
