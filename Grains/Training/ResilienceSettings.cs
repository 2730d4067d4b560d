namespace FaceKdGrid.Grains.Training;

/// <summary>
/// The knobs of one of the grid's Polly pipelines (<see cref="ResiliencePipelines"/>): how often and how patiently a
/// failed call is repeated, how long one attempt may take, and when the circuit opens.
/// </summary>
public sealed record ResilienceSettings
{
    /// <summary>Repeats after the first attempt; 0 makes the pipeline a timeout and a circuit breaker only.</summary>
    public int MaxRetryAttempts { get; init; } = 15;

    /// <summary>Delay before the first retry; it doubles with every retry (with jitter) up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(0.2);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

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
            delay *= 2;
        }
        return total;
    }

    /// <summary>Fails naming the setting (under <paramref name="section"/>) whose value the pipeline cannot take.</summary>
    public void Validate(string section)
    {
        Require(MaxRetryAttempts is >= 0 and <= 100, MaxRetryAttempts, nameof(MaxRetryAttempts), "must be between 0 and 100");
        Require(BaseDelay > TimeSpan.Zero && BaseDelay <= MaxDelay, BaseDelay, nameof(BaseDelay), "must be positive and at most MaxDelay");
        Require(MaxDelay <= TimeSpan.FromHours(1), MaxDelay, nameof(MaxDelay), "must be at most an hour");
        Require(AttemptTimeout >= TimeSpan.FromMilliseconds(10) && AttemptTimeout <= TimeSpan.FromDays(1), AttemptTimeout, nameof(AttemptTimeout),
            "must be between 10 ms and a day");
        Require(BreakerFailureRatio is > 0 and <= 1, BreakerFailureRatio, nameof(BreakerFailureRatio), "must be in (0, 1]");
        Require(BreakerMinimumThroughput >= 2, BreakerMinimumThroughput, nameof(BreakerMinimumThroughput), "must be at least 2");
        Require(BreakerSamplingDuration >= TimeSpan.FromSeconds(0.5), BreakerSamplingDuration, nameof(BreakerSamplingDuration), "must be at least 0.5 s");
        Require(BreakDuration >= TimeSpan.FromSeconds(0.5), BreakDuration, nameof(BreakDuration), "must be at least 0.5 s");

        void Require(bool valid, object value, string name, string rule)
        {
            if (!valid)
            {
                throw new ArgumentOutOfRangeException($"{section}:{name}", value, $"{section}:{name} {rule} (got {value})");
            }
        }
    }
}
