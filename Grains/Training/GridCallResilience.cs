using FaceKdGrid.Distillation.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace FaceKdGrid.Grains.Training;

/// <summary>
/// The Polly pipelines of this silo's calls into the grid from outside a grain turn (trial reports, claims on the
/// teacher-output cache, heartbeats): while a silo dies and its grains move, or while storage behind a grain is away,
/// calls fail for a while, and a finished trial's report must not be lost to that. One pipeline retries with
/// jittered back-off behind a circuit breaker and a per-attempt timeout; heartbeats get one attempt each (the next
/// beat is their retry). Counted in <see cref="Counters"/> and logged.
/// </summary>
public sealed partial class GridCallResilience
{
    private const string PipelineName = "grid call";

    private readonly ResiliencePipeline retrying;
    private readonly ResiliencePipeline once;
    private readonly ILogger<GridCallResilience> logger;

    public GridCallResilience(IOptions<GridTimingOptions> options, ILogger<GridCallResilience> logger)
    {
        var settings = options.Value.Calls;
        settings.Validate($"{GridTimingOptions.Section}:{nameof(GridTimingOptions.Calls)}");
        this.logger = logger;
        retrying = ResiliencePipelines.Build(PipelineName, settings, TransientGridFailures.IsTransient, Counters, logger);
        once = ResiliencePipelines.Build(PipelineName, settings with { MaxRetryAttempts = 0 }, TransientGridFailures.IsTransient, Counters, logger);
    }

    public ResilienceCounters Counters { get; } = new(PipelineName);

    /// <summary>The call's result; after the last retry its failure is thrown.</summary>
    public async Task<T> ExecuteAsync<T>(Func<Task<T>> call, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ResiliencePipelines.WhatKey, what);
        try
        {
            return await retrying.ExecuteAsync(async attempt => await call().WaitAsync(attempt.CancellationToken), context);
        }
        catch (Exception error) when (ResiliencePipelines.IsRetryable(error, cancellationToken, TransientGridFailures.IsTransient))
        {
            Counters.AddGivenUp();
            LogGaveUp(logger, what, FailureSummary.Of(error));
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public Task ExecuteAsync(Func<Task> call, string what, CancellationToken cancellationToken) =>
        ExecuteAsync(async () =>
        {
            await call();
            return true;
        }, what, cancellationToken);

    /// <summary>The call's result, or <paramref name="fallback"/> when every attempt failed or <paramref name="cancellationToken"/> fired.</summary>
    public async Task<T> TryAsync<T>(Func<Task<T>> call, T fallback, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(call, what, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return fallback;
        }
        catch (Exception error)
        {
            if (!ResiliencePipelines.IsRetryable(error, cancellationToken, TransientGridFailures.IsTransient))
            {
                LogRefused(logger, what, FailureSummary.Of(error));
            }
            return fallback;
        }
    }

    public Task TryAsync(Func<Task> call, string what, CancellationToken cancellationToken) =>
        TryAsync(async () =>
        {
            await call();
            return true;
        }, false, what, cancellationToken);

    /// <summary>One attempt within the timeout and the circuit breaker; false (logged) when it failed.</summary>
    public async Task<bool> TryOnceAsync(Func<Task> call, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ResiliencePipelines.WhatKey, what);
        try
        {
            await once.ExecuteAsync(async attempt => await call().WaitAsync(attempt.CancellationToken), context);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception error)
        {
            LogAttemptFailed(logger, what, FailureSummary.Of(error));
            return false;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "{What} failed for good: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string what, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "{What} was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string what, string reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "{What} failed: {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, string what, string reason);
}
