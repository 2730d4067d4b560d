namespace FaceKdGrid.Distillation.Storage;

/// <summary>
/// How <see cref="ResilientArtifactStore"/> rides out storage trouble. The defaults wait about two minutes in all
/// before giving up (so a storage restart of ~10 s costs a pause, not a failed trial), stop calling a store that
/// keeps failing for a few seconds at a time, and give one attempt room for a multi-gigabyte upload.
/// </summary>
public sealed record ArtifactStoreResilienceOptions
{
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    /// <summary>Retries after the first attempt of a call; 12 with the default delays wait ~2 minutes in all.</summary>
    public int MaxRetryAttempts { get; init; } = 12;

    /// <summary>Delay before the first retry; it doubles with every retry (with jitter) up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(0.5);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Time limit of one attempt: a whole upload, or opening a download (the SDK's network timeout bounds
    /// each read and write within it).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The circuit opens when at least this share of the calls sampled failed transiently...</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>...and at least this many calls were sampled...</summary>
    public int BreakerMinimumThroughput { get; init; } = 4;

    /// <summary>...within this window.</summary>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls at once (they are retried) before one probe call goes through.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where writes from non-seekable streams are spooled so they can be retried; null for the system temp folder.</summary>
    public string? SpoolDirectory { get; init; }

    /// <summary>The delays of all retries added up, before jitter: about how long an outage may last before a call fails.</summary>
    public TimeSpan NominalRetryWindow()
    {
        var total = TimeSpan.Zero;
        var delay = BaseDelay;
        for (var retry = 0; retry < MaxRetryAttempts; retry++)
        {
            total += delay < MaxDelay ? delay : MaxDelay;
            delay = delay < MaxDelay ? delay * 2 : MaxDelay;
        }
        return total;
    }

    /// <summary>Fails with the option's name when a value is outside what the pipeline accepts.</summary>
    public void Validate()
    {
        Require(MaxRetryAttempts >= 1, MaxRetryAttempts, nameof(MaxRetryAttempts), "must be at least 1");
        Require(BaseDelay > TimeSpan.Zero && BaseDelay <= OneDay, BaseDelay, nameof(BaseDelay), "must be positive and at most a day");
        Require(MaxDelay >= BaseDelay && MaxDelay <= OneDay, MaxDelay, nameof(MaxDelay), "must be at least BaseDelay and at most a day");
        Require(AttemptTimeout >= TimeSpan.FromMilliseconds(10) && AttemptTimeout <= OneDay, AttemptTimeout, nameof(AttemptTimeout),
            "must be between 10 ms and a day");
        Require(BreakerFailureRatio is > 0 and <= 1, BreakerFailureRatio, nameof(BreakerFailureRatio), "must be in (0, 1]");
        Require(BreakerMinimumThroughput >= 2, BreakerMinimumThroughput, nameof(BreakerMinimumThroughput), "must be at least 2");
        Require(BreakerSamplingDuration >= TimeSpan.FromSeconds(0.5) && BreakerSamplingDuration <= OneDay, BreakerSamplingDuration,
            nameof(BreakerSamplingDuration), "must be between 0.5 s and a day");
        Require(BreakDuration >= TimeSpan.FromSeconds(0.5) && BreakDuration <= OneDay, BreakDuration, nameof(BreakDuration),
            "must be between 0.5 s and a day");
    }

    private static void Require(bool valid, object value, string name, string rule)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} {rule}");
        }
    }
}
