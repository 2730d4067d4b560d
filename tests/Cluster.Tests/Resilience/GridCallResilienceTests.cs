using FaceKdGrid.Distillation.Resilience;
using FaceKdGrid.Grains.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace FaceKdGrid.Cluster.Tests.Resilience;

/// <summary>The runtime's grid-call pipeline in-process, with millisecond clocks.</summary>
public sealed class GridCallResilienceTests
{
    private readonly GridCallResilience calls = new(
        Options.Create(new GridTimingOptions
        {
            Calls = new ResilienceSettings
            {
                MaxRetryAttempts = 3,
                BaseDelay = TimeSpan.FromMilliseconds(5),
                MaxDelay = TimeSpan.FromMilliseconds(20),
                AttemptTimeout = TimeSpan.FromMilliseconds(200),
            },
        }),
        NullLogger<GridCallResilience>.Instance);

    [Fact]
    public async Task TransientFailuresAreRetriedAndCounted()
    {
        var attempts = 0;
        var result = await calls.ExecuteAsync(() => ++attempts < 3 ? throw new TimeoutException("silo moving") : Task.FromResult(attempts), "test call", CancellationToken.None);

        Assert.Equal(3, result);
        Assert.Equal(2, calls.Counters.Retries);
        Assert.Equal(0, calls.Counters.GivenUp);
    }

    [Fact]
    public async Task ArgumentErrorsAreAnswersAndFailAtOnce()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<ArgumentException>(() => calls.ExecuteAsync(() =>
        {
            attempts++;
            return Task.FromException<int>(new ArgumentException("bad trial id", "trialId"));
        }, "test call", CancellationToken.None));

        Assert.Equal(1, attempts);
        Assert.Equal(0, calls.Counters.Retries);
        Assert.Equal(-1, await calls.TryAsync(() => Task.FromException<int>(new ArgumentException("bad")), -1, "test call", CancellationToken.None));
    }

    [Fact]
    public async Task AfterTheLastRetryTryAsyncGivesTheFallback()
    {
        var attempts = 0;
        var result = await calls.TryAsync(() =>
        {
            attempts++;
            return Task.FromException<string>(new InvalidOperationException("the silo is gone"));
        }, "fallback", "test call", CancellationToken.None);

        Assert.Equal("fallback", result);
        Assert.Equal(4, attempts);
        Assert.Equal(1, calls.Counters.GivenUp);
    }

    [Fact]
    public async Task AHangingCallTimesOutAndIsRetried()
    {
        var attempts = 0;
        var never = new TaskCompletionSource<int>();
        var result = await calls.ExecuteAsync(() => ++attempts == 1 ? never.Task : Task.FromResult(7), "test call", CancellationToken.None);

        Assert.Equal(7, result);
        Assert.Equal(1, calls.Counters.Timeouts);
        Assert.Equal(1, calls.Counters.Retries);
    }

    [Fact]
    public async Task ACancelledCallerGetsTheFallbackWithoutRetries()
    {
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        var result = await calls.TryAsync(() => Task.FromException<int>(new TimeoutException()), -1, "test call", stopping.Token);

        Assert.Equal(-1, result);
        Assert.Equal(0, calls.Counters.Retries);
    }

    [Fact]
    public async Task HeartbeatsGetOneAttempt()
    {
        var attempts = 0;
        var delivered = await calls.TryOnceAsync(() =>
        {
            attempts++;
            return Task.FromException(new TimeoutException());
        }, "heartbeat", CancellationToken.None);

        Assert.False(delivered);
        Assert.Equal(1, attempts);
        Assert.True(await calls.TryOnceAsync(() => Task.CompletedTask, "heartbeat", CancellationToken.None));
    }

    [Fact]
    public void SettingsOutOfRangeAreNamed()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ResilienceSettings { BaseDelay = TimeSpan.Zero }.Validate("Grid:Calls"));
        Assert.Contains("Grid:Calls:BaseDelay", error.Message);
    }
}
