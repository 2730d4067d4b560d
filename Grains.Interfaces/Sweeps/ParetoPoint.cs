namespace FaceKdGrid.Grains.Sweeps;

/// <summary>
/// A configuration (seeds aggregated) no other beats on both student size and metric. Membership is decided on the
/// validation pairs; <see cref="Metric"/> reports the test pairs.
/// </summary>
[GenerateSerializer, Immutable, Alias("fkd.ParetoPoint")]
public sealed record ParetoPoint
{
    /// <summary>The group's id (its first trial).</summary>
    [Id(0)] public string TrialId { get; init; } = "";

    [Id(1)] public long StudentParams { get; init; }

    /// <summary>The sweep's metric on the test pairs, mean across seeds.</summary>
    [Id(2)] public double Metric { get; init; }

    [Id(3)] public double MetricStd { get; init; }

    [Id(4)] public double SelectionMetric { get; init; }

    [Id(5)] public int Seeds { get; init; }

    [Id(6)] public bool StoppedEarly { get; init; }
}
