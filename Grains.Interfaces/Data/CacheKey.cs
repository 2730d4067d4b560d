namespace FaceKdGrid.Grains.Data;

/// <summary>What a cache entry holds: computed once, then shared by every trial that needs the same thing.</summary>
[GenerateSerializer, Immutable, Alias("fkd.CacheKey")]
public sealed record CacheKey
{
    [Id(0)] public CacheEntryKind Kind { get; init; }

    /// <summary>Identifies the teacher (e.g. its checkpoint key or "dlib").</summary>
    [Id(1)] public string Teacher { get; init; } = "";

    /// <summary>Identifies the augmentation whose output the teacher saw ("none" for clean images).</summary>
    [Id(2)] public string AugmentationKey { get; init; } = "";

    /// <summary>The epoch for per-epoch augmentation draws; 0 when it does not vary by epoch.</summary>
    [Id(3)] public int Epoch { get; init; }

    public static CacheKey TeacherOutputs(string teacher, string augmentationKey, int epoch) =>
        new() { Kind = CacheEntryKind.TeacherOutputs, Teacher = teacher, AugmentationKey = augmentationKey, Epoch = epoch };

    public static CacheKey Prototypes(string teacher, string variant) => new() { Kind = CacheEntryKind.Prototypes, Teacher = teacher, AugmentationKey = variant };

    public static CacheKey Materialisation() => new() { Kind = CacheEntryKind.Materialisation };

    public override string ToString() => $"{Kind}|{Teacher}|{AugmentationKey}|{Epoch}";
}
