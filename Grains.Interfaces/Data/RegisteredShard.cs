using FaceKdGrid.Records;

namespace FaceKdGrid.Grains.Data;

/// <summary>
/// One materialised shard of a data set as its data shard grain records it: which shard it is, where the artifact
/// store keeps it, and the engine's manifest of its contents.
/// </summary>
[GenerateSerializer, Immutable, Alias("fkd.RegisteredShard")]
public sealed record RegisteredShard
{
    [Id(0)] public string Dataset { get; init; } = "";

    [Id(1)] public int Shard { get; init; }

    /// <summary>Artifact-store key of the shard file.</summary>
    [Id(2)] public string Location { get; init; } = "";

    /// <summary>Registering a different manifest (e.g. another content hash) for the same shard is refused.</summary>
    [Id(3)] public required ShardManifest Manifest { get; init; }
}
