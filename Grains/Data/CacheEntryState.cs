namespace FaceKdGrid.Grains.Data;

/// <summary>One cache entry: who computes it until when, or where the computed result lies.</summary>
[GenerateSerializer, Alias("fkd.CacheEntryState")]
public sealed class CacheEntryState
{
    [Id(0)] public CacheKey Key { get; set; } = new();

    [Id(1)] public string? Owner { get; set; }

    [Id(2)] public DateTimeOffset LeaseUntil { get; set; }

    /// <summary>Set once computed; the entry is then final.</summary>
    [Id(3)] public string? Location { get; set; }
}
