namespace FaceKdGrid.Grains.Data;

/// <summary>One materialised shard of a data set: decoded uint8 crops [N, 3, S, S] stored in the artifact store.</summary>
[GenerateSerializer, Immutable, Alias("fkd.ShardManifest")]
public sealed record ShardManifest
{
    [Id(0)] public string Dataset { get; init; } = "";

    [Id(1)] public int Shard { get; init; }

    [Id(2)] public int Count { get; init; }

    [Id(3)] public int ImageSize { get; init; }

    /// <summary>Hash of the shard's contents; registering a different hash for the same shard is refused.</summary>
    [Id(4)] public string ContentHash { get; init; } = "";

    /// <summary>The shard file format the engine wrote (e.g. uint8-nchw).</summary>
    [Id(5)] public string Format { get; init; } = "";

    /// <summary>Artifact-store key of the shard file.</summary>
    [Id(6)] public string Location { get; init; } = "";

    [Id(7)] public bool HasLabels { get; init; }

    /// <summary>Identity balance; null when the shard has no labels.</summary>
    [Id(8)] public ShardBalance? Balance { get; init; }
}
