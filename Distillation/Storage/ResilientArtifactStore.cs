using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace FaceKdGrid.Distillation.Storage;

/// <summary>
/// Runs every call of an inner store through one Polly pipeline: retry with exponential back-off and jitter on
/// transient failures (see <see cref="TransientStorageFailures"/>), a circuit breaker shared by all calls (while open,
/// calls fail at once and are retried after their back-off, so a dead store is not hammered), and a per-attempt
/// timeout. A call whose retries run out fails with <see cref="ArtifactStoreUnavailableException"/>.
/// </summary>
public sealed partial class ResilientArtifactStore : IArtifactStore
{
    private static readonly ResiliencePropertyKey<string> LocationKey = new("FaceKdGrid.Storage.Location");

    // Counted by the retry strategy, so attempts refused by an open circuit count too.
    private static readonly ResiliencePropertyKey<int> AttemptsKey = new("FaceKdGrid.Storage.Attempts");

    private readonly IArtifactStore inner;
    private readonly ArtifactStoreResilienceOptions options;
    private readonly ILogger logger;
    private readonly ResiliencePipeline pipeline;

    public ResilientArtifactStore(IArtifactStore inner, ArtifactStoreResilienceOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        this.inner = inner;
        this.options = options ?? new ArtifactStoreResilienceOptions();
        this.options.Validate();
        this.logger = logger ?? NullLogger.Instance;
        pipeline = BuildPipeline();
    }

    public ResilienceCounters Counters { get; } = new();

    public async Task<ArtifactInfo> WriteAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var location = inner.Describe(key);
        await using var replayable = await ReplayableContent.CreateAsync(content, options.SpoolDirectory, cancellationToken);
        return await RunAsync("write", location, attempt => inner.WriteAsync(key, replayable.Rewind(), attempt), cancellationToken);
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
        // The stream outlives the attempt and the SDK keeps the token it was opened with (to resume a dropped
        // download), while Polly recycles an attempt's token: so the open gets the caller's token, and the SDK's
        // network timeout, not the attempt timeout, bounds a hanging open.
        RunAsync("open", inner.Describe(key), _ => inner.OpenReadAsync(key, cancellationToken), cancellationToken);

    public Task<ArtifactInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default) =>
        RunAsync("info", inner.Describe(key), attempt => inner.GetInfoAsync(key, attempt), cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        RunAsync("delete", inner.Describe(key), async attempt =>
        {
            await inner.DeleteAsync(key, attempt);
            return true;
        }, cancellationToken);

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        // A retry must restart a listing from its beginning, so each attempt collects the keys before any is yielded.
        var keys = await RunAsync("list", ListingLocation(prefix),
            async attempt => await inner.ListAsync(prefix, attempt).ToListAsync(attempt), cancellationToken);
        foreach (var key in keys)
        {
            yield return key;
        }
    }

    public string Describe(string key) => inner.Describe(key);

    private static bool IsRetryable(Exception exception, CancellationToken callerToken) =>
        TransientStorageFailures.IsTransient(exception)
        || exception is BrokenCircuitException
        // A cancellation the caller did not ask for is a timeout inside the inner store (e.g. the SDK's network timeout).
        || (exception is OperationCanceledException && !callerToken.IsCancellationRequested);

    private async Task<T> RunAsync<T>(string operation, string location, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        context.Properties.Set(LocationKey, location);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await pipeline.ExecuteAsync(async attemptContext => await call(attemptContext.CancellationToken), context);
        }
        catch (Exception e) when (IsRetryable(e, cancellationToken))
        {
            Counters.AddGivenUp();
            var attempts = context.Properties.GetValue(AttemptsKey, 1);
            var failure = new ArtifactStoreUnavailableException(location, attempts, Stopwatch.GetElapsedTime(started), e);
            LogGivenUp(logger, operation, failure.Message);
            throw failure;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private ResiliencePipeline BuildPipeline() => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(ShouldHandle(args.Outcome, args.Context)),
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            OnRetry = args =>
            {
                Counters.AddRetry();
                args.Context.Properties.Set(AttemptsKey, args.AttemptNumber + 2);
                LogRetry(logger, args.Context.OperationKey, LocationOf(args.Context), args.AttemptNumber + 1,
                    args.RetryDelay.TotalSeconds, FailureSummary.Of(args.Outcome.Exception!));
                return ValueTask.CompletedTask;
            },
        })
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(ShouldHandle(args.Outcome, args.Context)),
            FailureRatio = options.BreakerFailureRatio,
            MinimumThroughput = options.BreakerMinimumThroughput,
            SamplingDuration = options.BreakerSamplingDuration,
            BreakDuration = options.BreakDuration,
            OnOpened = args =>
            {
                Counters.AddCircuitBreak();
                LogCircuitOpened(logger, args.BreakDuration.TotalSeconds, LocationOf(args.Context));
                return ValueTask.CompletedTask;
            },
            OnClosed = args =>
            {
                LogCircuitClosed(logger, LocationOf(args.Context));
                return ValueTask.CompletedTask;
            },
        })
        .AddTimeout(new TimeoutStrategyOptions
        {
            Timeout = options.AttemptTimeout,
            OnTimeout = args =>
            {
                Counters.AddTimeout();
                LogTimeout(logger, args.Context.OperationKey, LocationOf(args.Context), args.Timeout.TotalSeconds);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private static bool ShouldHandle(Outcome<object> outcome, ResilienceContext context) =>
        outcome.Exception is { } exception && IsRetryable(exception, context.CancellationToken);

    private static string LocationOf(ResilienceContext context) =>
        context.Properties.TryGetValue(LocationKey, out var location) ? location : "(unknown)";

    private string ListingLocation(string prefix)
    {
        // Describe takes keys; a listing prefix usually is one followed by '/', but may be empty or partial.
        var asKey = prefix.TrimEnd('/');
        try
        {
            return $"{inner.Describe(asKey)}{prefix[asKey.Length..]}*";
        }
        catch (ArgumentException)
        {
            return $"{inner.GetType().Name} (listing '{prefix}*')";
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning,
        Message = "Storage {Operation} at {Location} failed (attempt {Attempt}); retrying in {DelaySeconds:F1} s: {Error}")]
    private static partial void LogRetry(ILogger logger, string? operation, string location, int attempt, double delaySeconds, string error);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning,
        Message = "Storage circuit opened for {BreakSeconds:F1} s after repeated failures (last at {Location}); calls wait for it")]
    private static partial void LogCircuitOpened(ILogger logger, double breakSeconds, string location);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Storage circuit closed again ({Location} answered)")]
    private static partial void LogCircuitClosed(ILogger logger, string location);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Storage {Operation} at {Location} timed out after {TimeoutSeconds:F1} s")]
    private static partial void LogTimeout(ILogger logger, string? operation, string location, double timeoutSeconds);

    [LoggerMessage(EventId = 304, Level = LogLevel.Error, Message = "Storage {Operation} gave up: {Reason}")]
    private static partial void LogGivenUp(ILogger logger, string operation, string reason);
}
