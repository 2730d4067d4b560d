using System.Diagnostics;
using FaceKdGrid.Grains.Data;
using FaceKdGrid.Grid.Tests.Cluster;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Engine;

/// <summary>
/// "Computed once across the cluster" against a real shard grain: a live claimant keeps its claim past the lease, one that
/// dies mid-computation loses it when the lease runs out, one that fails gives it up at once; each time a waiter ends
/// with exactly one computed location.
/// </summary>
[Collection(GridClusterCollection.Name)]
public sealed class CacheClaimsTests(GridClusterFixture fixture)
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task ALiveClaimantKeepsItsClaimPastTheLeaseAndTheWaiterReusesItsResult()
    {
        var (shard, key) = (DataShardKeys.Of("claims-renewed", 0), CacheKey.TeacherOutputs("t", "none", 0));
        var computing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiterComputed = false;

        var holder = TestCacheClaims.Create(fixture.Grains, Lease).GetOrComputeAsync(shard, key, NotStored, async () =>
        {
            computing.SetResult();
            // Four leases: only its renewals keep the claim.
            await Task.Delay(4 * Lease);
            return "holder's";
        }, CancellationToken.None);
        await computing.Task;
        var waiter = await TestCacheClaims.Create(fixture.Grains, Lease).GetOrComputeAsync(shard, key, NotStored, () =>
        {
            waiterComputed = true;
            return Task.FromResult("waiter's");
        }, CancellationToken.None);

        Assert.Equal("holder's", await holder);
        Assert.Equal("holder's", waiter);
        Assert.False(waiterComputed, "the waiter computed an entry its holder was still computing");
    }

    [Fact]
    public async Task AClaimantThatDiesMidComputationLosesItsClaimWhenTheLeaseRunsOutAndTheWaiterComputes()
    {
        var (shard, key) = (DataShardKeys.Of("claims-dying", 0), CacheKey.TeacherOutputs("t", "none", 0));
        using var dying = new CancellationTokenSource();
        var computing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var neverDone = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        TimeSpan? tookOverAt = null;

        var dead = TestCacheClaims.Create(fixture.Grains, Lease).GetOrComputeAsync(shard, key, NotStored, () =>
        {
            computing.SetResult();
            return neverDone.Task;
        }, dying.Token);
        await computing.Task;
        var waiter = TestCacheClaims.Create(fixture.Grains, Lease).GetOrComputeAsync(shard, key, NotStored, () =>
        {
            tookOverAt = clock.Elapsed;
            return Task.FromResult("waiter's");
        }, CancellationToken.None);
        await Task.Delay(2 * Lease);
        Assert.False(waiter.IsCompleted, "the waiter took over from a claimant that was still renewing");
        // Its renewals stop and its computation never returns: to the shard grain it died mid-computation.
        await dying.CancelAsync();
        var diedAt = clock.Elapsed;

        Assert.Equal("waiter's", await waiter.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(tookOverAt > diedAt, $"took over at {tookOverAt}, before the holder died at {diedAt}");
        neverDone.SetResult("too late");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dead);
    }

    [Fact]
    public async Task AFailedComputationIsGivenUpAndTheWaiterComputesWithoutWaitingForTheLease()
    {
        var (shard, key) = (DataShardKeys.Of("claims-failing", 0), CacheKey.TeacherOutputs("t", "none", 0));
        var lease = TimeSpan.FromSeconds(30);
        var computing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failure = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();

        var failing = TestCacheClaims.Create(fixture.Grains, lease).GetOrComputeAsync(shard, key, NotStored, () =>
        {
            computing.SetResult();
            return failure.Task;
        }, CancellationToken.None);
        await computing.Task;
        var waiter = TestCacheClaims.Create(fixture.Grains, lease).GetOrComputeAsync(shard, key, NotStored, () => Task.FromResult("waiter's"),
            CancellationToken.None);
        // Time for the waiter to find the claim held and wait on it.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        failure.SetException(new IOException("teacher weights vanished"));

        await Assert.ThrowsAsync<IOException>(() => failing);
        Assert.Equal("waiter's", await waiter);
        Assert.True(clock.Elapsed < lease / 2, $"the waiter took {clock.Elapsed}: it waited for the lease instead of the abandon");
    }

    private static Task<string?> NotStored() => Task.FromResult<string?>(null);
}
