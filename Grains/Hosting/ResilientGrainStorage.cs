using FaceKdGrid.Distillation.Resilience;
using FaceKdGrid.Distillation.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;
using Polly;

namespace FaceKdGrid.Grains.Hosting;

/// <summary>
/// Grain storage behind a Polly pipeline (<see cref="ResiliencePipelines"/>): transient storage failures
/// (<see cref="TransientStorageFailures"/>) are retried with jittered back-off behind a circuit breaker, so a grain's
/// state write rides out a storage restart of a few seconds instead of failing the call. ETag conflicts and other
/// answers fail at once. The retry window stays below a grain call's response timeout.
/// </summary>
public sealed class ResilientGrainStorage : IGrainStorage
{
    private const string PipelineName = "grain storage";

    private readonly IGrainStorage inner;
    private readonly ResiliencePipeline pipeline;

    public ResilientGrainStorage(IGrainStorage inner, ResilienceSettings settings, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(settings);
        this.inner = inner;
        pipeline = ResiliencePipelines.Build(PipelineName, settings, IsTransient, Counters, logger);
    }

    /// <summary>Retries of about 20 s in all: a storage restart passes, a grain call (30 s timeout) still gets an answer.</summary>
    public static ResilienceSettings DefaultSettings { get; } = new()
    {
        MaxRetryAttempts = 8,
        BaseDelay = TimeSpan.FromSeconds(0.25),
        MaxDelay = TimeSpan.FromSeconds(4),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        BreakerMinimumThroughput = 8,
        BreakDuration = TimeSpan.FromSeconds(1),
    };

    public ResilienceCounters Counters { get; } = new(PipelineName);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        RunAsync("read", stateName, grainId, () => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        RunAsync("write", stateName, grainId, () => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        RunAsync("clear", stateName, grainId, () => inner.ClearStateAsync(stateName, grainId, grainState));

    private static bool IsTransient(Exception exception) =>
        exception is not InconsistentStateException && TransientStorageFailures.IsTransient(exception);

    private async Task RunAsync(string operation, string stateName, GrainId grainId, Func<Task> call)
    {
        var context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(ResiliencePipelines.WhatKey, $"{operation} of {stateName} state of {grainId}");
        try
        {
            await pipeline.ExecuteAsync(async attempt => await call().WaitAsync(attempt.CancellationToken), context);
        }
        catch (Exception error) when (ResiliencePipelines.IsRetryable(error, CancellationToken.None, IsTransient))
        {
            Counters.AddGivenUp();
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
