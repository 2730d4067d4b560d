using FaceKdGrid.Distillation.Resilience;

namespace FaceKdGrid.Grains.Training;

/// <summary>The grid's clocks (configuration section "Grid"); tests shorten them.</summary>
public sealed class GridTimingOptions
{
    public const string Section = "Grid";

    /// <summary>How often each worker tells the registry its capacity and running trials.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A worker silent for longer is dead: its trials are re-queued.</summary>
    public TimeSpan WorkerLivenessTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A granted slot that no heartbeat confirms within this time is free again.</summary>
    public TimeSpan ReservationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running sweep's coordinator checks workers and schedules.</summary>
    public TimeSpan CoordinatorTick { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often, at most, a running sweep's coordinator saves its index of trials, which grows with the sweep. Each
    /// change is written to its trial's experiment grain first, so a coordinator that moves in between catches up.
    /// </summary>
    public TimeSpan IndexSaveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Back-off before the first retry of a failed trial; doubled for each further failure.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait before retrying a trial that failed <paramref name="failures"/> times: doubling, capped.</summary>
    public TimeSpan RetryDelay(int failures)
    {
        var backoff = RetryBackoff * Math.Pow(2, Math.Clamp(failures - 1, 0, 20));
        return backoff < MaxRetryBackoff ? backoff : MaxRetryBackoff;
    }

    /// <summary>
    /// How the training runtime's calls into the grid ride out failures ("Grid:Calls"): the defaults retry for about
    /// a minute, longer than a silo's death takes to detect and a storage restart to pass.
    /// </summary>
    public ResilienceSettings Calls { get; set; } = new();

    /// <summary>How long a draining silo waits for its running trials to hand off before it stops regardless.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long a claim on a teacher-cache entry holds before another caller may take it over: the computing silo renews
    /// it every third of this while it computes, so one that dies frees its claims within this time.
    /// </summary>
    public TimeSpan CacheClaimLease { get; set; } = TimeSpan.FromSeconds(30);
}
