namespace FaceKdGrid.Distillation.Resilience;

/// <summary>
/// The knobs of one Polly pipeline (<see cref="ResiliencePipelines"/>): how often and how patiently a failed call is
/// repeated, how long one attempt may take, and when the circuit opens. The initial values suit calls between
/// services that fail over within seconds (the grid's calls, configuration "Grid:Calls", retry for about a minute);
/// <see cref="ArtifactStore"/> holds the artifact store's, and other pipelines name theirs beside their code.
/// </summary>
public sealed record ResilienceSettings
{
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    /// <summary>
    /// The artifact store's: about two minutes of retries in all (so a storage restart of ~10 s costs a pause, not a
    /// failed trial), a circuit that stops calling a store that keeps failing for a few seconds at a time, and room
    /// for a multi-gigabyte upload in one attempt.
    /// </summary>
    public static ResilienceSettings ArtifactStore { get; } = new()
    {
        MaxRetryAttempts = 12,
        BaseDelay = TimeSpan.FromSeconds(0.5),
        MaxDelay = TimeSpan.FromSeconds(15),
        AttemptTimeout = TimeSpan.FromMinutes(10),
        BreakerMinimumThroughput = 4,
        BreakDuration = TimeSpan.FromSeconds(5),
    };

    /// <summary>Repeats after the first attempt; 0 makes the pipeline a timeout and a circuit breaker only.</summary>
    public int MaxRetryAttempts { get; init; } = 15;

    /// <summary>Delay before the first retry; it doubles with every retry (with jitter) up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(0.2);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time limit of one attempt (for a store: a whole upload, or opening a download).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The circuit opens when at least this share of the calls sampled failed transiently...</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>...and at least this many calls were sampled...</summary>
    public int BreakerMinimumThroughput { get; init; } = 8;

    /// <summary>...within this window.</summary>
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls at once (they are retried after their back-off).</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The retry delays added up, before jitter: about how long a failure may last before a call gives up.</summary>
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

    /// <summary>
    /// Fails naming the setting whose value the pipeline cannot take: under <paramref name="section"/> when the
    /// settings come from configuration ("Grid:Calls:BaseDelay"), by its bare name otherwise.
    /// </summary>
    public void Validate(string? section = null)
    {
        Require(MaxRetryAttempts is >= 0 and <= 100, MaxRetryAttempts, nameof(MaxRetryAttempts), "must be between 0 and 100");
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

        void Require(bool valid, object value, string name, string rule)
        {
            if (!valid)
            {
                var setting = section is null ? name : $"{section}:{name}";
                throw new ArgumentOutOfRangeException(setting, value, $"{setting} {rule} (got {value})");
            }
        }
    }
}
