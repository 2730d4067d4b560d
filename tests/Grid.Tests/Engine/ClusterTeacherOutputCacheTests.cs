using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Grains.Engine;
using FaceKdGrid.Grid.Tests.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Grid.Tests.Engine;

/// <summary>
/// The engine's teacher-output cache across silos (one <see cref="ClusterTeacherOutputCache"/> each, one artifact store,
/// the cluster's shard grains): an entry is computed once and read back by the others, and a caller that dies while it
/// computes hands the entry to another when its lease runs out.
/// </summary>
[Collection(GridClusterCollection.Name)]
public sealed class ClusterTeacherOutputCacheTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(1);

    private readonly GridClusterFixture fixture;
    private readonly string root = Directory.CreateTempSubdirectory("facekd-cluster-cache-").FullName;
    private readonly IArtifactStore store;
    private readonly Tensor outputs;

    public ClusterTeacherOutputCacheTests(GridClusterFixture fixture)
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        this.fixture = fixture;
        store = new LocalFolderArtifactStore(root);
        using var generator = new Generator(5);
        outputs = randn(16, 8, generator: generator);
    }

    [Fact]
    public void AnEntryIsComputedOnceAndEveryOtherSiloReadsTheStoredTensor()
    {
        var key = TeacherCacheKey.ForBatches("teacher", "cache-once", "none", seed: 7, batchSize: 16, epoch: 0, shard: 0);
        var computations = 0;
        Tensor Compute()
        {
            computations++;
            return outputs.clone();
        }

        using var computed = Cache(CancellationToken.None).GetOrCompute(key, Compute);
        using var read = Cache(CancellationToken.None).GetOrCompute(key, Compute);

        Assert.Equal(1, computations);
        Assert.True(computed.allclose(outputs, rtol: 0, atol: 0));
        Assert.True(read.allclose(outputs, rtol: 0, atol: 0));
    }

    [Fact]
    public async Task ACallerThatDiesWhileComputingHandsTheEntryToAnotherWhenItsLeaseRunsOut()
    {
        var key = TeacherCacheKey.ForPrototypes("teacher", "cache-dying", count: 16, seed: 7);
        using var dying = new CancellationTokenSource();
        using var computing = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim();
        var takenOver = false;

        var dead = OnOwnThread(() => Cache(dying.Token).GetOrCompute(key, () =>
        {
            computing.Release();
            release.Wait();
            return outputs.clone();
        }));
        await computing.WaitAsync();
        var live = OnOwnThread(() => Cache(CancellationToken.None).GetOrCompute(key, () =>
        {
            takenOver = true;
            return outputs.clone();
        }));
        await Task.Delay(2 * Lease);
        Assert.False(live.IsCompleted, "another caller took over while the first still renewed its claim");
        // Its renewals stop and its computation never returns: to the shard grain it died mid-computation.
        await dying.CancelAsync();

        using var entry = await live.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(takenOver);
        Assert.True(entry.allclose(outputs, rtol: 0, atol: 0));
        release.Set();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dead);
    }

    public void Dispose()
    {
        outputs.Dispose();
        Directory.Delete(root, recursive: true);
    }

    private ClusterTeacherOutputCache Cache(CancellationToken cancellationToken) =>
        new(TestCacheClaims.Create(fixture.Grains, Lease), store, NullLogger.Instance, cancellationToken);

    /// <summary>Runs a blocking cache call as a training thread would, on a thread of its own, leaving the pool to the grain calls.</summary>
    private static Task<Tensor> OnOwnThread(Func<Tensor> call) =>
        Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
