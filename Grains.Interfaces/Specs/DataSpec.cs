namespace FaceKdGrid.Grains.Specs;

/// <summary>The unlabeled pool: rendered by SynthFace, or a data set already ingested into shards.</summary>
[GenerateSerializer, Immutable, Alias("fkd.DataSpec")]
public sealed record DataSpec
{
    /// <summary>Rendered pool; the default when <see cref="Dataset"/> is not given.</summary>
    [Id(0)] public SynthFacePoolSpec? SynthFace { get; init; } = new();

    /// <summary>Name of an ingested data set; exclusive with <see cref="SynthFace"/>.</summary>
    [Id(1)] public string? Dataset { get; init; }

    /// <summary>Images per shard when the pool is materialised.</summary>
    [Id(2)] public int ShardSize { get; init; } = 4096;
}
