namespace FaceKdGrid.Distillation.Resilience;

/// <summary>What a resilience pipeline has done so far, for tests, dashboards and health checks. Thread-safe.</summary>
public sealed class ResilienceCounters
{
    private long retries;
    private long circuitBreaks;
    private long timeouts;
    private long givenUp;

    /// <summary>Attempts repeated after a transient failure.</summary>
    public long Retries => Interlocked.Read(ref retries);

    /// <summary>Times the circuit opened.</summary>
    public long CircuitBreaks => Interlocked.Read(ref circuitBreaks);

    /// <summary>Attempts cut off by the per-attempt timeout.</summary>
    public long Timeouts => Interlocked.Read(ref timeouts);

    /// <summary>Calls that still failed after every retry.</summary>
    public long GivenUp => Interlocked.Read(ref givenUp);

    public override string ToString() => $"retries {Retries}, circuit breaks {CircuitBreaks}, timeouts {Timeouts}, given up {GivenUp}";

    public void AddRetry() => Interlocked.Increment(ref retries);

    public void AddCircuitBreak() => Interlocked.Increment(ref circuitBreaks);

    public void AddTimeout() => Interlocked.Increment(ref timeouts);

    public void AddGivenUp() => Interlocked.Increment(ref givenUp);
}
