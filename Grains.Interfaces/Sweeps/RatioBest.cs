namespace FaceKdGrid.Grains.Sweeps;

/// <summary>
/// The best configuration (seeds aggregated) among those asking for one compression ratio, chosen by the sweep's
/// metric on the validation pairs and reported on the test pairs. Configurations that ran to the end are preferred;
/// a stopped one is chosen only when none finished, and says so.
/// </summary>
[GenerateSerializer, Immutable, Alias("fkd.RatioBest")]
public sealed record RatioBest
{
    /// <summary>The requested ratio (the search-space value).</summary>
    [Id(0)] public double CompressionRatio { get; init; }

    /// <summary>The chosen group's id (its first trial).</summary>
    [Id(1)] public string TrialId { get; init; } = "";

    /// <summary>The sweep's metric on the test pairs, mean across seeds.</summary>
    [Id(2)] public double Metric { get; init; }

    [Id(3)] public double MetricStd { get; init; }

    /// <summary>The sweep's metric on the validation pairs (what chose it), mean across seeds.</summary>
    [Id(4)] public double SelectionMetric { get; init; }

    [Id(5)] public int Seeds { get; init; }

    [Id(6)] public bool StoppedEarly { get; init; }
}
