using FaceKdGrid.Grains.Data;
using FaceKdGrid.Grid.Tests.Cluster;
using FaceKdGrid.GridTestSupport;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Grains;

[Collection(GridClusterCollection.Name)]
public sealed class DataShardGrainTests(GridClusterFixture fixture)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AManifestIsRecordedOnceAndADifferentOneIsRefused()
    {
        var shard = fixture.Grains.GetGrain<IDataShardGrain>(DataShardKeys.Of("manifests", 3));
        var registered = TestShards.Registered("manifests", 3, imageSize: 32);

        Assert.Null(await shard.GetManifestAsync());
        Assert.True(await shard.RegisterManifestAsync(registered));
        Assert.True(await shard.RegisterManifestAsync(registered));
        Assert.False(await shard.RegisterManifestAsync(registered with { Manifest = registered.Manifest with { ContentHash = "cd34" } }));
        Assert.Equal(registered, await shard.GetManifestAsync());
    }

    [Fact]
    public async Task OneClaimantComputesWhileTheOthersWaitAndReuseItsResult()
    {
        var shard = fixture.Grains.GetGrain<IDataShardGrain>(DataShardKeys.Of("pool", 0));
        var key = CacheKey.TeacherOutputs("teacher-a", "replacement:0.5:any", epoch: 1);

        var first = await shard.ClaimAsync(key, "trial-1", Lease);
        var second = await shard.ClaimAsync(key, "trial-2", Lease);
        var waiting = shard.WaitAsync(key, TimeSpan.FromSeconds(20));
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        Assert.True(await shard.CompleteAsync(key, "trial-1", "cache/pool/0/teacher-a/e1.bin"));
        var woken = await waiting;
        var third = await shard.ClaimAsync(key, "trial-3", Lease);

        Assert.Equal(CacheClaimStatus.Granted, first.Status);
        Assert.Equal(CacheClaimStatus.Busy, second.Status);
        Assert.Equal("trial-1", second.Owner);
        Assert.Equal(CacheClaimStatus.Ready, woken.Status);
        Assert.Equal("cache/pool/0/teacher-a/e1.bin", woken.Location);
        Assert.Equal(CacheClaimStatus.Ready, third.Status);
        Assert.False(await shard.CompleteAsync(key, "trial-2", "cache/elsewhere.bin"));
        Assert.Equal("cache/pool/0/teacher-a/e1.bin", (await shard.ClaimAsync(key, "trial-4", Lease)).Location);
    }

    [Fact]
    public async Task EntriesAreKeyedByTeacherAugmentationAndEpoch()
    {
        var shard = fixture.Grains.GetGrain<IDataShardGrain>(DataShardKeys.Of("keys", 1));
        await shard.ClaimAsync(CacheKey.TeacherOutputs("t", "none", 1), "a", Lease);
        await shard.CompleteAsync(CacheKey.TeacherOutputs("t", "none", 1), "a", "x");

        Assert.Equal(CacheClaimStatus.Granted, (await shard.ClaimAsync(CacheKey.TeacherOutputs("t", "none", 2), "b", Lease)).Status);
        Assert.Equal(CacheClaimStatus.Granted, (await shard.ClaimAsync(CacheKey.TeacherOutputs("t", "cutout:0.5", 1), "b", Lease)).Status);
        Assert.Equal(CacheClaimStatus.Granted, (await shard.ClaimAsync(CacheKey.TeacherOutputs("u", "none", 1), "b", Lease)).Status);
        Assert.Equal(CacheClaimStatus.Ready, (await shard.ClaimAsync(CacheKey.TeacherOutputs("t", "none", 1), "b", Lease)).Status);
    }

    [Fact]
    public async Task PrototypesAreComputedOncePerTeacherAndDataSet()
    {
        var holder = fixture.Grains.GetGrain<IDataShardGrain>(DataShardKeys.PrototypesHolder("faces"));
        var prototypes = CacheKey.Prototypes("teacher-a", "k16-s0");

        Assert.Equal(CacheClaimStatus.Granted, (await holder.ClaimAsync(prototypes, "trial-1", Lease)).Status);
        Assert.Equal(CacheClaimStatus.Busy, (await holder.ClaimAsync(prototypes, "trial-2", Lease)).Status);
        Assert.True(await holder.CompleteAsync(prototypes, "trial-1", "prototypes/faces/teacher-a.bin"));

        Assert.Equal("faces/0", DataShardKeys.PrototypesHolder("faces"));
        Assert.Equal("prototypes/faces/teacher-a.bin", (await holder.ClaimAsync(prototypes, "trial-2", Lease)).Location);
        Assert.Equal(CacheClaimStatus.Granted, (await holder.ClaimAsync(CacheKey.Prototypes("teacher-b", "k16-s0"), "trial-2", Lease)).Status);
    }

    [Fact]
    public async Task AnAbandonedOrExpiredClaimPassesToTheNextClaimant()
    {
        var shard = fixture.Grains.GetGrain<IDataShardGrain>(DataShardKeys.Of("handover", 0));
        var abandoned = CacheKey.TeacherOutputs("t", "none", 0);
        var expiring = CacheKey.TeacherOutputs("t", "none", 1);

        await shard.ClaimAsync(abandoned, "crashed", Lease);
        var waiting = shard.WaitAsync(abandoned, TimeSpan.FromSeconds(20));
        await shard.AbandonAsync(abandoned, "crashed");
        var afterAbandon = await waiting;
        await shard.ClaimAsync(expiring, "slow", TimeSpan.FromMilliseconds(200));
        var expired = await shard.WaitAsync(expiring, TimeSpan.FromSeconds(20));

        Assert.Equal(CacheClaimStatus.Busy, afterAbandon.Status);
        Assert.Null(afterAbandon.Owner);
        Assert.Equal(CacheClaimStatus.Granted, (await shard.ClaimAsync(abandoned, "next", Lease)).Status);
        Assert.Null(expired.Owner);
        Assert.Equal(CacheClaimStatus.Granted, (await shard.ClaimAsync(expiring, "next", Lease)).Status);
    }

    [Fact]
    public async Task BadClaimsNameTheParameter()
    {
        var shard = fixture.Grains.GetGrain<IDataShardGrain>(DataShardKeys.Of("bad", 0));

        var noClaimant = await Assert.ThrowsAsync<ArgumentException>(() => shard.ClaimAsync(CacheKey.Prototypes("t", "k16-s0"), "", Lease));
        var noLease = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => shard.ClaimAsync(CacheKey.Prototypes("t", "k16-s0"), "a", TimeSpan.Zero));

        // Across the wire Orleans keeps the exception type and message, in which the parameter is named.
        Assert.Contains("claimant", noClaimant.Message, StringComparison.Ordinal);
        Assert.Contains("lease", noLease.Message, StringComparison.Ordinal);
    }
}
