namespace FaceKdGrid.Grains.Data;

/// <summary>How images spread over identities in a labeled shard.</summary>
[GenerateSerializer, Immutable, Alias("fkd.ShardBalance")]
public sealed record ShardBalance
{
    [Id(0)] public int Identities { get; init; }

    [Id(1)] public int MinPerIdentity { get; init; }

    [Id(2)] public int MaxPerIdentity { get; init; }

    [Id(3)] public double MeanPerIdentity { get; init; }

    /// <summary>Entropy of the identity histogram over ln(identities): 1 when balanced, towards 0 when a few dominate.</summary>
    [Id(4)] public double NormalisedEntropy { get; init; }
}
