using System.Diagnostics;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Tests.Azurite;
using FaceKdGrid.TestSupport.Azurite;
using FaceKdGrid.TestSupport.Storage;
using Xunit;
using Xunit.Abstractions;

namespace FaceKdGrid.Distillation.Tests.Storage;

/// <summary>The store against a real Azurite; every test gets a fresh container.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobArtifactStoreTests : ArtifactStoreContract
{
    private readonly AzuriteFixture azurite;
    private readonly ITestOutputHelper output;
    private readonly string containerName = $"test-{Guid.NewGuid():N}";

    public AzureBlobArtifactStoreTests(AzuriteFixture azurite, ITestOutputHelper output)
    {
        this.azurite = azurite;
        this.output = output;
        Store = new AzureBlobArtifactStore(azurite.ConnectionString, containerName);
    }

    protected override IArtifactStore Store { get; }

    protected override Task DamageAsync(string key, Func<byte[], byte[]> damage) => StoredDamage.ToBlobAsync(Container().GetBlobClient(key), damage);

    [Theory]
    [InlineData(0)]
    [InlineData(AzureBlobArtifactStore.BlockSize)]
    [InlineData(20_000_000)]
    public async Task ContentStreamsThroughBlocksAndKeepsItsHash(int length)
    {
        var content = TestContent.Bytes(length);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var clock = Stopwatch.StartNew();

        var info = await Store.WriteAsync("big/artifact", new ForwardOnlyStream(content));
        var written = clock.Elapsed;
        string readHash;
        await using (var read = await Store.OpenReadAsync("big/artifact"))
        {
            readHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(read));
        }
        output.WriteLine($"{length} bytes: write {written.TotalSeconds:F2} s, read {(clock.Elapsed - written).TotalSeconds:F2} s");

        Assert.Equal(new ArtifactInfo("big/artifact", length, sha256), info);
        Assert.Equal(info, await Store.GetInfoAsync("big/artifact"));
        Assert.Equal(sha256, readHash);
        // Less than a block goes up in one Put Blob (no block list); more is staged block by block.
        var blocks = await Blob("big/artifact").GetBlockListAsync(BlockListTypes.Committed);
        var stagedBlocks = length < AzureBlobArtifactStore.BlockSize ? 0 : (length + AzureBlobArtifactStore.BlockSize - 1) / AzureBlobArtifactStore.BlockSize;
        Assert.Equal(stagedBlocks, blocks.Value.CommittedBlocks.Count());
    }

    [Fact]
    public async Task PrefixesKeepStoresApartInOneContainer()
    {
        var left = new AzureBlobArtifactStore(azurite.ConnectionString, containerName, "runs/left");
        var right = new AzureBlobArtifactStore(azurite.ConnectionString, containerName, "runs/right");

        await left.WriteAsync("a/x", new MemoryStream([1]));
        await right.WriteAsync("a/y", new MemoryStream([2]));

        Assert.Equal(["a/x"], await left.ListAsync("").ToListAsync());
        Assert.Equal(["a/y"], await right.ListAsync("a/").ToListAsync());
        Assert.Null(await left.GetInfoAsync("a/y"));
        Assert.True(await Container().GetBlobClient("runs/left/a/x").ExistsAsync());
    }

    [Fact]
    public async Task AStoreWhoseContainerDoesNotExistYetReadsAsEmpty()
    {
        Assert.Empty(await Store.ListAsync("").ToListAsync());
        await Store.DeleteAsync("never/written");

        Assert.False(await Container().ExistsAsync());
    }

    [Fact]
    public async Task ABlobWrittenByAnotherToolIsHashedOnDemandAndReadsUnchecked()
    {
        await Container().CreateAsync();
        await Container().GetBlobClient("foreign/blob").UploadAsync(BinaryData.FromBytes([1, 2, 3]));

        var info = await Store.GetInfoAsync("foreign/blob");

        Assert.Equal(new ArtifactInfo("foreign/blob", 3, Convert.ToHexStringLower(SHA256.HashData([1, 2, 3]))), info);
        await using var read = await Store.OpenReadAsync("foreign/blob");
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal([1, 2, 3], copy.ToArray());
    }

    [Fact]
    public void DescribeGivesTheBlobUriWithoutAnySecret()
    {
        var location = Store.Describe("sweeps/s1/t003/checkpoint-0004.ckpt");

        Assert.Equal($"http://127.0.0.1:{azurite.BlobPort}/{AzuriteFixture.AccountName}/{containerName}/sweeps/s1/t003/checkpoint-0004.ckpt", location);
        Assert.DoesNotContain(AzuriteFixture.AccountKey, location);
    }

    [Fact]
    public void DescribeDropsASharedAccessSignature()
    {
        const string signature = "sv=2022-11-02&ss=b&srt=co&sp=rwdl&se=2030-01-01T00%3A00%3A00Z&sig=c2VjcmV0LXNpZ25hdHVyZQ%3D%3D";
        var store = new AzureBlobArtifactStore($"BlobEndpoint=https://account.blob.core.windows.net;SharedAccessSignature={signature}", "grid", "runs");

        var location = store.Describe("a/b");

        Assert.Equal("https://account.blob.core.windows.net/grid/runs/a/b", location);
    }

    [Fact]
    public void AMalformedConnectionStringIsRefusedWithoutRepeatingIt()
    {
        const string secret = "c2VjcmV0LWtleS10aGF0LW11c3Qtbm90LWxlYWs=";

        var error = Assert.Throws<ArgumentException>(() => new AzureBlobArtifactStore($"AccountName=a;AccountKey={secret};Nonsense", "grid"));

        Assert.Equal("connectionString", error.ParamName);
        Assert.DoesNotContain(secret, error.ToString());
    }

    [Fact]
    public async Task ARejectedKeyDoesNotAppearInTheError()
    {
        var wrongKey = Convert.ToBase64String(TestContent.Bytes(64, seed: 7));
        var store = new AzureBlobArtifactStore(azurite.ConnectionString.Replace(AzuriteFixture.AccountKey, wrongKey), containerName);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => store.WriteAsync("k", new MemoryStream([1])));

        Assert.Equal(403, error.Status);
        Assert.DoesNotContain(wrongKey, error.ToString());
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData("double--hyphen")]
    [InlineData("-leading")]
    public void InvalidContainerNamesAreRefused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new AzureBlobArtifactStore(azurite.ConnectionString, name));

        Assert.Equal("containerName", error.ParamName);
    }

    private BlobContainerClient Container() => new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(containerName);

    private BlockBlobClient Blob(string name) => Container().GetBlockBlobClient(name);
}
