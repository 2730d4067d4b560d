using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using FaceKdGrid.Distillation.Resilience;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Tests.Azurite;
using FaceKdGrid.TestSupport;
using FaceKdGrid.TestSupport.Azurite;
using Xunit;
using Xunit.Abstractions;

namespace FaceKdGrid.Distillation.Tests.Storage;

/// <summary>The Azure store behind the resilience pipeline when storage goes away: for a while, or for good.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageOutageTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task WorkStartedDuringAnOutageCompletesWhenStorageIsBack()
    {
        var logger = new ListLogger();
        // Short delays and breaks so the test notices the restart soon; ~27 s of retries leave room for a slow one.
        var options = ResilienceSettings.ArtifactStore with
        {
            MaxRetryAttempts = 30,
            BaseDelay = TimeSpan.FromSeconds(0.2),
            MaxDelay = TimeSpan.FromSeconds(1),
            BreakDuration = TimeSpan.FromSeconds(1),
        };
        var store = new ResilientArtifactStore(new AzureBlobArtifactStore(azurite.ConnectionString, "outage"), options, logger);
        var before = TestContent.Bytes(10_000, seed: 2);
        var during = TestContent.Bytes(3_000_000, seed: 3);
        await store.WriteAsync("before/a", new MemoryStream(before));

        await azurite.StopAsync();
        var clock = Stopwatch.StartNew();
        Task<ArtifactInfo> write;
        Task<byte[]> read;
        try
        {
            write = store.WriteAsync("during/b", new ForwardOnlyStream(during));
            read = ReadAllAsync(store, "before/a");
            await Task.Delay(Outage);
            Assert.False(write.IsCompleted || read.IsCompleted, "storage calls completed while storage was down");
        }
        finally
        {
            await azurite.StartAsync();
        }
        var info = await write;
        var readBack = await read;
        output.WriteLine($"outage {Outage.TotalSeconds} s, calls done after {clock.Elapsed.TotalSeconds:F1} s; {store.Counters}");

        Assert.Equal(before, readBack);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(during)), info.Sha256);
        Assert.Equal(info, await store.GetInfoAsync("during/b"));
        Assert.True(store.Counters.Retries >= 2, $"{store.Counters}");
        Assert.Equal(0, store.Counters.GivenUp);
        Assert.Contains(logger.Lines, l => l.Contains("retrying") && l.Contains(store.Describe("during/b")));
        Assert.DoesNotContain(logger.Lines, l => l.Contains(AzuriteFixture.AccountKey));
    }

    [Fact]
    public async Task UnreachableStorageFailsQuicklyNamingTheLocationButNoSecret()
    {
        var port = ClosedLoopbackPort();
        var connectionString = $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{port}/{AzuriteFixture.AccountName};";
        var logger = new ListLogger();
        var options = ResilienceSettings.ArtifactStore with
        {
            MaxRetryAttempts = 2,
            BaseDelay = TimeSpan.FromMilliseconds(50),
            MaxDelay = TimeSpan.FromMilliseconds(100),
        };
        var store = new ResilientArtifactStore(new AzureBlobArtifactStore(connectionString, "grid"), options, logger);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ArtifactStoreUnavailableException>(() => store.WriteAsync("sweeps/s1/result.json", new MemoryStream([1])));

        output.WriteLine(error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Contains($"http://127.0.0.1:{port}/{AzuriteFixture.AccountName}/grid/sweeps/s1/result.json", error.Message);
        Assert.Equal(3, error.Attempts);
        Assert.DoesNotContain(AzuriteFixture.AccountKey, error.ToString());
        Assert.DoesNotContain(logger.Lines, l => l.Contains(AzuriteFixture.AccountKey));
    }

    /// <summary>A loopback port nothing listens on (it was free a moment ago).</summary>
    private static int ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<byte[]> ReadAllAsync(IArtifactStore store, string key)
    {
        await using var stream = await store.OpenReadAsync(key);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
