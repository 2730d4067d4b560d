namespace FaceKdGrid.Distillation.Augmentation;

/// <summary>The names sweep specs use for augmentation methods and face regions, in both directions.</summary>
public static class AugmentationNames
{
    private static readonly (string Name, AugmentationMethod Value)[] Methods =
    [
        ("none", AugmentationMethod.None),
        ("replacement", AugmentationMethod.ContentReplacement),
        ("cutout", AugmentationMethod.Cutout),
        ("cutmix", AugmentationMethod.CutMix),
    ];

    private static readonly (string Name, FaceRegion Value)[] Regions =
    [
        ("eyes", FaceRegion.EyesBand),
        ("nose", FaceRegion.Nose),
        ("mouth", FaceRegion.Mouth),
        ("upper", FaceRegion.UpperHalf),
        ("lower", FaceRegion.LowerHalf),
        ("random", FaceRegion.RandomPart),
        ("any", FaceRegion.AnyFixed),
    ];

    /// <summary>Every method name, in declaration order.</summary>
    public static IReadOnlyList<string> MethodNames { get; } = [.. Methods.Select(entry => entry.Name)];

    /// <summary>Every region name, in declaration order.</summary>
    public static IReadOnlyList<string> RegionNames { get; } = [.. Regions.Select(entry => entry.Name)];

    /// <summary>Parses <c>none|replacement|cutout|cutmix</c> (case-insensitive).</summary>
    public static AugmentationMethod ParseMethod(string name) => ParseMethod(name, nameof(name));

    /// <summary>Parses <c>eyes|nose|mouth|upper|lower|random|any</c> (case-insensitive).</summary>
    public static FaceRegion ParseRegion(string name) => ParseRegion(name, nameof(name));

    internal static AugmentationMethod ParseMethod(string name, string paramName) => Parse(Methods, name, "augmentation method", paramName);

    internal static FaceRegion ParseRegion(string name, string paramName) => Parse(Regions, name, "face region", paramName);

    public static string NameOf(AugmentationMethod method) => NameIn(Methods, method, nameof(method));

    public static string NameOf(FaceRegion region) => NameIn(Regions, region, nameof(region));

    private static T Parse<T>((string Name, T Value)[] table, string name, string kind, string paramName)
    {
        foreach (var entry in table)
        {
            if (string.Equals(entry.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return entry.Value;
            }
        }
        throw new ArgumentException($"unknown {kind} '{name}'; valid names: {string.Join(", ", table.Select(e => e.Name))}", paramName);
    }

    private static string NameIn<T>((string Name, T Value)[] table, T value, string paramName)
        where T : struct, Enum
    {
        foreach (var entry in table)
        {
            if (EqualityComparer<T>.Default.Equals(entry.Value, value))
            {
                return entry.Name;
            }
        }
        throw new ArgumentOutOfRangeException(paramName, value, $"not a defined {typeof(T).Name}");
    }
}
