namespace FaceKdGrid.Grains.Data;

/// <summary>The answer to a claim or a wait.</summary>
[GenerateSerializer, Immutable, Alias("fkd.CacheClaim")]
public sealed record CacheClaim
{
    [Id(0)] public CacheClaimStatus Status { get; init; }

    /// <summary>Artifact-store key of the computed entry when <see cref="Status"/> is Ready.</summary>
    [Id(1)] public string? Location { get; init; }

    /// <summary>Who computes it when Busy or Granted.</summary>
    [Id(2)] public string? Owner { get; init; }
}
