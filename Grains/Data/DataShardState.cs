namespace FaceKdGrid.Grains.Data;

[GenerateSerializer, Alias("fkd.DataShardState")]
public sealed class DataShardState
{
    [Id(0)] public RegisteredShard? Registered { get; set; }

    /// <summary>Entries by <see cref="CacheKey.ToString"/>.</summary>
    [Id(1)] public Dictionary<string, CacheEntryState> Entries { get; set; } = [];
}
