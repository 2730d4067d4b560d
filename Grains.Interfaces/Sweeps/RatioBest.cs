namespace FaceKdGrid.Grains.Sweeps;

/// <summary>The best trial (by the sweep's metric and mode) among those asking for one compression ratio.</summary>
[GenerateSerializer, Immutable, Alias("fkd.RatioBest")]
public sealed record RatioBest
{
    /// <summary>The requested ratio (the search-space value).</summary>
    [Id(0)] public double CompressionRatio { get; init; }

    [Id(1)] public string TrialId { get; init; } = "";

    [Id(2)] public double Metric { get; init; }
}
