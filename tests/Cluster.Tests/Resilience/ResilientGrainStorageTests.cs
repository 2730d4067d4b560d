using Azure;
using FaceKdGrid.Distillation.Resilience;
using FaceKdGrid.Grains.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Xunit;

namespace FaceKdGrid.Cluster.Tests.Resilience;

public sealed class ResilientGrainStorageTests
{
    private static readonly ResilienceSettings Fast = ResilientGrainStorage.DefaultSettings with
    {
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(20),
    };

    private readonly GrainId grain = GrainId.Create("test", "1");

    [Fact]
    public async Task AStorageOutageIsRiddenOut()
    {
        var inner = new FailingStorage(failures: 3, new RequestFailedException(0, "Connection refused"));
        var storage = new ResilientGrainStorage(inner, Fast, NullLogger.Instance);

        await storage.WriteStateAsync("sweep", grain, new GrainState<int>(42));

        Assert.Equal(4, inner.Calls);
        Assert.Equal(3, storage.Counters.Retries);
    }

    [Fact]
    public async Task AnETagConflictIsAnAnswerNotAnOutage()
    {
        var inner = new FailingStorage(failures: 1, new InconsistentStateException("changed underneath", "a", "b"));
        var storage = new ResilientGrainStorage(inner, Fast, NullLogger.Instance);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("sweep", grain, new GrainState<int>(42)));
        Assert.Equal(1, inner.Calls);
        Assert.Equal(0, storage.Counters.Retries);
    }

    [Fact]
    public async Task ALastingOutageFailsTheWriteAfterItsRetries()
    {
        var inner = new FailingStorage(failures: int.MaxValue, new RequestFailedException(503, "Server busy"));
        var storage = new ResilientGrainStorage(inner, Fast, NullLogger.Instance);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => storage.ReadStateAsync("sweep", grain, new GrainState<int>()));

        // The circuit opened on the way, so the last attempts did not reach the store; the cause still shows.
        Assert.True(error is RequestFailedException || error.InnerException is RequestFailedException, error.ToString());
        // At least once: a stall longer than the break duration on a loaded machine lets one more call through to fail.
        Assert.True(storage.Counters.CircuitBreaks >= 1);
        Assert.InRange(inner.Calls, Fast.BreakerMinimumThroughput, 1 + Fast.MaxRetryAttempts);
        Assert.Equal(1, storage.Counters.GivenUp);
    }

    private sealed class FailingStorage(int failures, Exception failure) : IGrainStorage
    {
        public int Calls { get; private set; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Next();

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Next();

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Next();

        private Task Next() => ++Calls <= failures ? Task.FromException(failure) : Task.CompletedTask;
    }
}
