using System.Security.Cryptography;
using System.Text;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.TestSupport.Storage;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Storage;

/// <summary>The behaviour every artifact store must have; each store's test class derives from this.</summary>
public abstract class ArtifactStoreContract
{
    protected abstract IArtifactStore Store { get; }

    /// <summary>Changes the stored content of <paramref name="key"/> behind the store's back (see <see cref="StoredDamage"/>).</summary>
    protected abstract Task DamageAsync(string key, Func<byte[], byte[]> damage);

    [Fact]
    public async Task WhatIsWrittenReadsBackWithItsHash()
    {
        var content = Encoding.UTF8.GetBytes("shard bytes");
        var info = await Store.WriteAsync("data/set/shard-0000.fks", new MemoryStream(content));

        Assert.Equal(content.Length, info.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), info.Sha256);
        Assert.Equal(info, await Store.GetInfoAsync("data/set/shard-0000.fks"));
        await using var read = await Store.OpenReadAsync("data/set/shard-0000.fks");
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
    }

    [Theory]
    [InlineData(nameof(StoredDamage.Truncate))]
    [InlineData(nameof(StoredDamage.FlipBit))]
    public async Task DamagedContentFailsItsChecksumWhenReadAndTheErrorNamesTheKey(string damageName)
    {
        var damage = StoredDamage.Named(damageName);
        const string key = "sweeps/s1/t003/epoch-0004.ckpt";
        var content = TestContent.Bytes(100_000);
        var written = await Store.WriteAsync(key, new MemoryStream(content));
        await DamageAsync(key, damage);

        await using var read = await Store.OpenReadAsync(key);
        var error = await Assert.ThrowsAsync<ArtifactCorruptException>(() => read.CopyToAsync(Stream.Null));

        Assert.Equal(key, error.Key);
        Assert.Contains($"'{key}'", error.Message);
        Assert.Contains("checksum did not match", error.Message);
        Assert.Equal(written.Sha256, error.ExpectedSha256);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(damage(content))), error.ActualSha256);
    }

    [Fact]
    public async Task WritingAgainReplacesTheContent()
    {
        await Store.WriteAsync("a/b", new MemoryStream([1, 2, 3]));
        await Store.WriteAsync("a/b", new MemoryStream([4]));

        Assert.Equal(1, (await Store.GetInfoAsync("a/b"))!.Length);
    }

    [Fact]
    public async Task AMissingArtifactIsReportedByKey()
    {
        Assert.Null(await Store.GetInfoAsync("missing/key"));
        var error = await Assert.ThrowsAsync<ArtifactNotFoundException>(() => Store.OpenReadAsync("missing/key"));
        Assert.Equal("missing/key", error.Key);
    }

    [Fact]
    public async Task ListingReturnsKeysUnderAPrefixInOrder()
    {
        foreach (var key in new[] { "s/t2/c", "s/t1/b", "s/t1/a", "other/x" })
        {
            await Store.WriteAsync(key, new MemoryStream([0]));
        }

        var keys = await Store.ListAsync("s/t1/").ToListAsync();

        Assert.Equal(["s/t1/a", "s/t1/b"], keys);
    }

    [Fact]
    public async Task DeletedArtifactsAreGoneAndDeletingTwiceIsHarmless()
    {
        await Store.WriteAsync("d/x", new MemoryStream([0]));
        await Store.DeleteAsync("d/x");
        await Store.DeleteAsync("d/x");

        Assert.Null(await Store.GetInfoAsync("d/x"));
    }

    [Theory]
    [InlineData("/abs")]
    [InlineData("a/../b")]
    [InlineData("a//b")]
    [InlineData("")]
    public async Task KeysThatEscapeOrAreEmptyAreRefused(string key)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.WriteAsync(key, new MemoryStream([0])));
    }
}
