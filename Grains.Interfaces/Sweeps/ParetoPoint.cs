namespace FaceKdGrid.Grains.Sweeps;

/// <summary>A trial no other trial beats on both student size and metric.</summary>
[GenerateSerializer, Immutable, Alias("fkd.ParetoPoint")]
public sealed record ParetoPoint
{
    [Id(0)] public string TrialId { get; init; } = "";

    [Id(1)] public long StudentParams { get; init; }

    [Id(2)] public double Metric { get; init; }
}
