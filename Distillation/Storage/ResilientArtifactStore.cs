using System.Diagnostics;
using System.Runtime.CompilerServices;
using FaceKdGrid.Distillation.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace FaceKdGrid.Distillation.Storage;

/// <summary>
/// Runs every call of an inner store through one Polly pipeline (<see cref="ResiliencePipelines"/>): retry with
/// exponential back-off and jitter on transient failures (see <see cref="TransientStorageFailures"/>), a circuit
/// breaker shared by all calls, and a per-attempt timeout; <see cref="ResilienceSettings.ArtifactStore"/> by default.
/// A call whose retries run out fails with <see cref="ArtifactStoreUnavailableException"/>.
/// </summary>
public sealed partial class ResilientArtifactStore : IArtifactStore
{
    private const string PipelineName = "artifact store";

    private readonly IArtifactStore inner;
    private readonly string? spoolDirectory;
    private readonly ILogger logger;
    private readonly ResiliencePipeline pipeline;

    /// <param name="spoolDirectory">Where writes from non-seekable streams are spooled so they can be retried; null for
    /// the system temp folder.</param>
    public ResilientArtifactStore(IArtifactStore inner, ResilienceSettings? settings = null, ILogger? logger = null, string? spoolDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        settings ??= ResilienceSettings.ArtifactStore;
        settings.Validate();
        // A store call that gave up at its first failure would fail a trial at every hiccup of the storage service.
        if (settings.MaxRetryAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(settings.MaxRetryAttempts), settings.MaxRetryAttempts,
                $"{nameof(settings.MaxRetryAttempts)} must be at least 1 for an artifact store (got {settings.MaxRetryAttempts})");
        }
        this.inner = inner;
        this.spoolDirectory = spoolDirectory;
        this.logger = logger ?? NullLogger.Instance;
        pipeline = ResiliencePipelines.Build(PipelineName, settings, TransientStorageFailures.IsTransient, Counters, this.logger);
    }

    public ResilienceCounters Counters { get; } = new(PipelineName);

    public async Task<ArtifactInfo> WriteAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var location = inner.Describe(key);
        await using var replayable = await ReplayableContent.CreateAsync(content, spoolDirectory, cancellationToken);
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

    private async Task<T> RunAsync<T>(string operation, string location, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ResiliencePipelines.WhatKey, $"{operation} at {location}");
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await pipeline.ExecuteAsync(async attemptContext => await call(attemptContext.CancellationToken), context);
        }
        catch (Exception e) when (ResiliencePipelines.IsRetryable(e, cancellationToken, TransientStorageFailures.IsTransient))
        {
            Counters.AddGivenUp();
            var failure = new ArtifactStoreUnavailableException(location, ResiliencePipelines.AttemptsOf(context), Stopwatch.GetElapsedTime(started), e);
            LogGivenUp(logger, operation, failure.Message);
            throw failure;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

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

    [LoggerMessage(EventId = 304, Level = LogLevel.Error, Message = "Storage {Operation} gave up: {Reason}")]
    private static partial void LogGivenUp(ILogger logger, string operation, string reason);
}
