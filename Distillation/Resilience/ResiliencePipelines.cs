using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace FaceKdGrid.Distillation.Resilience;

/// <summary>
/// Builds the Polly pipelines of the artifact store and the grid: retry with exponential back-off and jitter, a circuit
/// breaker shared by every call through the pipeline (while open, calls fail at once and are retried after their
/// back-off, so a dead service is not hammered), and a timeout per attempt. What each does is counted in a
/// <see cref="ResilienceCounters"/> and logged under the pipeline's name.
/// </summary>
public static partial class ResiliencePipelines
{
    /// <summary>The call's description ("outcome of s/t001 attempt 2", "write at http://...") for the logs.</summary>
    public static readonly ResiliencePropertyKey<string> WhatKey = new("FaceKdGrid.Resilience.What");

    /// <summary>Attempts made so far, the first included. Counted by the retry strategy, so attempts refused by an
    /// open circuit count too.</summary>
    public static readonly ResiliencePropertyKey<int> AttemptsKey = new("FaceKdGrid.Resilience.Attempts");

    /// <param name="name">Names the pipeline in logs ("artifact store", "grid call", "grain storage").</param>
    /// <param name="isTransient">Which failures are worth another attempt; the others fail the call at once.</param>
    public static ResiliencePipeline Build(string name, ResilienceSettings settings, Func<Exception, bool> isTransient,
        ResilienceCounters counters, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(isTransient);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(logger);
        var builder = new ResiliencePipelineBuilder();
        if (settings.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, isTransient)),
                MaxRetryAttempts = settings.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                OnRetry = args =>
                {
                    counters.AddRetry();
                    args.Context.Properties.Set(AttemptsKey, args.AttemptNumber + 2);
                    LogRetry(logger, name, WhatOf(args.Context), args.AttemptNumber + 1, args.RetryDelay.TotalSeconds,
                        FailureSummary.Of(args.Outcome.Exception));
                    return ValueTask.CompletedTask;
                },
            });
        }
        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, isTransient)),
                FailureRatio = settings.BreakerFailureRatio,
                MinimumThroughput = settings.BreakerMinimumThroughput,
                SamplingDuration = settings.BreakerSamplingDuration,
                BreakDuration = settings.BreakDuration,
                OnOpened = args =>
                {
                    counters.AddCircuitBreak();
                    LogCircuitOpened(logger, name, args.BreakDuration.TotalSeconds, WhatOf(args.Context));
                    return ValueTask.CompletedTask;
                },
                OnClosed = args =>
                {
                    LogCircuitClosed(logger, name, WhatOf(args.Context));
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                Timeout = settings.AttemptTimeout,
                OnTimeout = args =>
                {
                    counters.AddTimeout();
                    LogTimeout(logger, name, WhatOf(args.Context), args.Timeout.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Whether the pipeline would retry this failure of a call made with <paramref name="callerToken"/>.</summary>
    public static bool IsRetryable(Exception exception, CancellationToken callerToken, Func<Exception, bool> isTransient) =>
        exception is BrokenCircuitException or TimeoutRejectedException
        // A cancellation the caller did not ask for is a timeout below us (a grain call's response timeout, the SDK's).
        || (exception is OperationCanceledException && !callerToken.IsCancellationRequested)
        || (exception is not OperationCanceledException && isTransient(exception));

    /// <summary>How many attempts a call made through the pipeline with <paramref name="context"/> has made.</summary>
    public static int AttemptsOf(ResilienceContext context) => context.Properties.GetValue(AttemptsKey, 1);

    private static bool ShouldRetry(Outcome<object> outcome, ResilienceContext context, Func<Exception, bool> isTransient) =>
        outcome.Exception is { } exception && IsRetryable(exception, context.CancellationToken, isTransient);

    private static string WhatOf(ResilienceContext context) => context.Properties.TryGetValue(WhatKey, out var what) ? what : "(a call)";

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "{Pipeline}: {What} failed (try {Attempt}); retrying in {DelaySeconds:F1} s: {Reason}")]
    private static partial void LogRetry(ILogger logger, string pipeline, string what, int attempt, double delaySeconds, string reason);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "{Pipeline}: circuit opened for {BreakSeconds:F1} s after repeated failures (last: {What})")]
    private static partial void LogCircuitOpened(ILogger logger, string pipeline, double breakSeconds, string what);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "{Pipeline}: circuit closed again ({What} answered)")]
    private static partial void LogCircuitClosed(ILogger logger, string pipeline, string what);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "{Pipeline}: {What} timed out after {TimeoutSeconds:F1} s")]
    private static partial void LogTimeout(ILogger logger, string pipeline, string what, double timeoutSeconds);
}
