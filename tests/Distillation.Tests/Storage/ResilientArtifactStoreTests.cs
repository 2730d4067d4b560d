using System.Diagnostics;
using FaceKdGrid.Distillation.Resilience;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.TestSupport;
using Polly.CircuitBreaker;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Storage;

/// <summary>The resilience pipeline's logic, against a real local-folder store behind a fault-injecting double.</summary>
public sealed class ResilientArtifactStoreTests : IDisposable
{
    private static readonly ResilienceSettings Quick = ResilienceSettings.ArtifactStore with
    {
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(20),
    };

    private readonly string root = Directory.CreateTempSubdirectory("facekd-resilient-").FullName;
    private readonly FaultyArtifactStore faulty;

    public ResilientArtifactStoreTests() => faulty = new FaultyArtifactStore(new LocalFolderArtifactStore(root));

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AWriteThatFailsMidwayIsRetriedWithTheWholeContent(bool seekable)
    {
        var content = TestContent.Bytes(100_000);
        faulty.BeforeCall = (call, _) => call <= 2 ? throw new IOException("connection reset") : Task.CompletedTask;
        var store = new ResilientArtifactStore(faulty, Quick);

        Stream source = seekable ? new MemoryStream(content) : new ForwardOnlyStream(content);
        var info = await store.WriteAsync("w/x", source);

        Assert.Equal(3, faulty.Calls);
        Assert.Equal(2, store.Counters.Retries);
        Assert.Equal(content.Length, info.Length);
        Assert.Equal(content, await ReadAllAsync(store, "w/x"));
    }

    [Fact]
    public async Task ASeekableStreamIsReplayedFromWhereItStood()
    {
        faulty.BeforeCall = (call, _) => call == 1 ? throw new IOException("connection reset") : Task.CompletedTask;
        var store = new ResilientArtifactStore(faulty, Quick);
        var source = new MemoryStream([9, 9, 1, 2, 3]) { Position = 2 };

        await store.WriteAsync("w/tail", source);

        Assert.Equal([1, 2, 3], await ReadAllAsync(store, "w/tail"));
    }

    [Fact]
    public async Task ListingIsRetriedAsAWhole()
    {
        await faulty.WriteAsync("l/a", new MemoryStream([0]));
        await faulty.WriteAsync("l/b", new MemoryStream([0]));
        faulty.BeforeCall = (call, _) => call == 3 ? throw new HttpRequestException("connection refused") : Task.CompletedTask;
        var store = new ResilientArtifactStore(faulty, Quick);

        Assert.Equal(["l/a", "l/b"], await store.ListAsync("l/").ToListAsync());
        Assert.Equal(1, store.Counters.Retries);
    }

    public static TheoryData<Exception> AnswersThatAreNotRetried() => new()
    {
        new ArgumentException("bad key", "key"),
        new InvalidDataException("corrupt shard"),
        new ArtifactNotFoundException("k", "somewhere"),
        new UnauthorizedAccessException("denied"),
    };

    [Theory]
    [MemberData(nameof(AnswersThatAreNotRetried))]
    public async Task FailuresThatAreAnswersFailAtOnceUnchanged(Exception answer)
    {
        faulty.BeforeCall = (_, _) => throw answer;
        var store = new ResilientArtifactStore(faulty, Quick);

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => store.GetInfoAsync("k"));

        Assert.Same(answer, thrown);
        Assert.Equal(1, faulty.Calls);
        Assert.Equal(0, store.Counters.Retries);
    }

    [Fact]
    public async Task AHangingAttemptIsTimedOutAndRetried()
    {
        await faulty.WriteAsync("t/x", new MemoryStream([7]));
        faulty.BeforeCall = (call, token) => call == 2 ? Task.Delay(TimeSpan.FromSeconds(30), token) : Task.CompletedTask;
        var store = new ResilientArtifactStore(faulty, Quick with { AttemptTimeout = TimeSpan.FromMilliseconds(200) });
        var clock = Stopwatch.StartNew();

        var info = await store.GetInfoAsync("t/x");

        Assert.Equal(1, info!.Length);
        Assert.Equal(1, store.Counters.Timeouts);
        Assert.Equal(1, store.Counters.Retries);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task AnOpenCircuitStopsCallingTheStoreUntilItsBreakIsOver()
    {
        faulty.BeforeCall = (_, _) => throw new IOException("storage down");
        var options = Quick with
        {
            BreakerMinimumThroughput = 2,
            BreakerFailureRatio = 0.5,
            // Long beside the retries' 10-20 ms delays, so a slow, loaded machine cannot see it half-open in between.
            BreakDuration = TimeSpan.FromSeconds(2),
        };
        var store = new ResilientArtifactStore(faulty, options);

        var error = await Assert.ThrowsAsync<ArtifactStoreUnavailableException>(() => store.GetInfoAsync("c/x"));

        // Two failures open the circuit; the last two retries are refused without reaching the store.
        Assert.IsType<BrokenCircuitException>(error.InnerException);
        Assert.Equal(2, faulty.Calls);
        Assert.Equal(4, error.Attempts);
        Assert.Equal(1, store.Counters.CircuitBreaks);
        Assert.Equal(3, store.Counters.Retries);

        faulty.BeforeCall = (_, _) => Task.CompletedTask;
        await Task.Delay(options.BreakDuration + TimeSpan.FromMilliseconds(100));
        Assert.Null(await store.GetInfoAsync("c/x"));
        Assert.Equal(3, faulty.Calls);
    }

    [Fact]
    public async Task RetriesThatRunOutNameTheLocationAndTheLastError()
    {
        faulty.BeforeCall = (_, _) => throw new IOException("connection refused");
        var logger = new ListLogger();
        var store = new ResilientArtifactStore(faulty, Quick with { BreakerMinimumThroughput = 100 }, logger);

        var error = await Assert.ThrowsAsync<ArtifactStoreUnavailableException>(() => store.DeleteAsync("gone/x"));

        Assert.Equal(faulty.Describe("gone/x"), error.Location);
        Assert.Contains(faulty.Describe("gone/x"), error.Message);
        Assert.Contains("IOException: connection refused", error.Message);
        Assert.Equal(4, error.Attempts);
        Assert.Equal(1, store.Counters.GivenUp);
        Assert.Equal(3, logger.Lines.Count(l => l.Contains("retrying") && l.Contains(faulty.Describe("gone/x"))));
        Assert.Single(logger.Lines, l => l.Contains("gave up"));
    }

    [Fact]
    public async Task CancellingStopsTheRetriesAtOnce()
    {
        faulty.BeforeCall = (_, _) => throw new IOException("storage down");
        var store = new ResilientArtifactStore(faulty);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetInfoAsync("x", cancel.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        Assert.Equal(0, store.Counters.GivenUp);
    }

    [Fact]
    public void TheDefaultsRideOutAboutTwoMinutesOfOutage()
    {
        var window = ResilienceSettings.ArtifactStore.NominalRetryWindow();

        Assert.InRange(window.TotalSeconds, 100, 150);
    }

    public static TheoryData<ResilienceSettings, string> InvalidOptions() => new()
    {
        { ResilienceSettings.ArtifactStore with { MaxRetryAttempts = 0 }, nameof(ResilienceSettings.MaxRetryAttempts) },
        { ResilienceSettings.ArtifactStore with { BaseDelay = TimeSpan.Zero }, nameof(ResilienceSettings.BaseDelay) },
        { ResilienceSettings.ArtifactStore with { MaxDelay = TimeSpan.FromMilliseconds(100) }, nameof(ResilienceSettings.MaxDelay) },
        { ResilienceSettings.ArtifactStore with { AttemptTimeout = TimeSpan.FromMilliseconds(1) }, nameof(ResilienceSettings.AttemptTimeout) },
        { ResilienceSettings.ArtifactStore with { BreakerFailureRatio = 0 }, nameof(ResilienceSettings.BreakerFailureRatio) },
        { ResilienceSettings.ArtifactStore with { BreakerMinimumThroughput = 1 }, nameof(ResilienceSettings.BreakerMinimumThroughput) },
        { ResilienceSettings.ArtifactStore with { BreakerSamplingDuration = TimeSpan.FromMilliseconds(100) }, nameof(ResilienceSettings.BreakerSamplingDuration) },
        { ResilienceSettings.ArtifactStore with { BreakDuration = TimeSpan.FromMilliseconds(100) }, nameof(ResilienceSettings.BreakDuration) },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void InvalidOptionsAreRefusedByName(ResilienceSettings options, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ResilientArtifactStore(faulty, options));

        Assert.Equal(name, error.ParamName);
    }

    private static async Task<byte[]> ReadAllAsync(IArtifactStore store, string key)
    {
        await using var stream = await store.OpenReadAsync(key);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
