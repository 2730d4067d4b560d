using System.Diagnostics.Metrics;

namespace FaceKdGrid.Distillation.Resilience;

/// <summary>
/// What a resilience pipeline has done so far, for tests, dashboards and health checks. Thread-safe. Each count is
/// also added to the counters of the meter <see cref="MeterName"/> (facekd.resilience.retries, .circuit_breaks,
/// .timeouts, .given_up), tagged with the pipeline, so monitoring sees them without a registry of live pipelines.
/// </summary>
public sealed class ResilienceCounters
{
    public const string MeterName = "FaceKdGrid.Resilience";

    public const string PipelineTag = "pipeline";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> RetriesCounter = Meter.CreateCounter<long>(
        "facekd.resilience.retries", "{retry}", "Attempts repeated after a transient failure");
    private static readonly Counter<long> CircuitBreaksCounter = Meter.CreateCounter<long>(
        "facekd.resilience.circuit_breaks", "{break}", "Times a circuit breaker opened");
    private static readonly Counter<long> TimeoutsCounter = Meter.CreateCounter<long>(
        "facekd.resilience.timeouts", "{timeout}", "Attempts cut off by the per-attempt timeout");
    private static readonly Counter<long> GivenUpCounter = Meter.CreateCounter<long>(
        "facekd.resilience.given_up", "{call}", "Calls that still failed after every retry");

    private readonly KeyValuePair<string, object?> pipelineTag;
    private long retries;
    private long circuitBreaks;
    private long timeouts;
    private long givenUp;

    /// <param name="pipeline">Names the pipeline in the metrics' tag ("artifact store", "grid call", "grain storage").</param>
    public ResilienceCounters(string pipeline)
    {
        if (string.IsNullOrWhiteSpace(pipeline))
        {
            throw new ArgumentException("a pipeline name is required: it tags the pipeline's metrics", nameof(pipeline));
        }
        Pipeline = pipeline;
        pipelineTag = new(PipelineTag, pipeline);
    }

    public string Pipeline { get; }

    /// <summary>Attempts repeated after a transient failure.</summary>
    public long Retries => Interlocked.Read(ref retries);

    /// <summary>Times the circuit opened.</summary>
    public long CircuitBreaks => Interlocked.Read(ref circuitBreaks);

    /// <summary>Attempts cut off by the per-attempt timeout.</summary>
    public long Timeouts => Interlocked.Read(ref timeouts);

    /// <summary>Calls that still failed after every retry.</summary>
    public long GivenUp => Interlocked.Read(ref givenUp);

    public override string ToString() => $"retries {Retries}, circuit breaks {CircuitBreaks}, timeouts {Timeouts}, given up {GivenUp}";

    public void AddRetry() => Count(ref retries, RetriesCounter);

    public void AddCircuitBreak() => Count(ref circuitBreaks, CircuitBreaksCounter);

    public void AddTimeout() => Count(ref timeouts, TimeoutsCounter);

    public void AddGivenUp() => Count(ref givenUp, GivenUpCounter);

    /// <summary>One more in this pipeline's own total and in the meter's counter, tagged with the pipeline.</summary>
    private void Count(ref long total, Counter<long> counter)
    {
        Interlocked.Increment(ref total);
        counter.Add(1, pipelineTag);
    }
}
