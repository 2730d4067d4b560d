namespace FaceKdGrid.Distillation.Losses;

/// <summary>The spec names of <see cref="KdLossKind"/>: <c>feature</c>, <c>indirect</c>, <c>indirect+feature</c>, <c>contrastive</c>, <c>supervised</c>.</summary>
public static class KdLossKindNames
{
    private static readonly Dictionary<string, KdLossKind> KindsByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["feature"] = KdLossKind.Feature,
        ["indirect"] = KdLossKind.Indirect,
        ["indirect+feature"] = KdLossKind.IndirectFeature,
        ["contrastive"] = KdLossKind.Contrastive,
        ["supervised"] = KdLossKind.Supervised,
    };

    /// <summary>Every valid spec name.</summary>
    public static IReadOnlyCollection<string> Names => KindsByName.Keys;

    /// <summary>The kind a spec name stands for (case-insensitive, surrounding spaces ignored).</summary>
    public static KdLossKind Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!KindsByName.TryGetValue(name.Trim(), out var kind))
        {
            throw new ArgumentException($"unknown KD loss '{name}'; valid names: {string.Join(", ", KindsByName.Keys)}", nameof(name));
        }
        return kind;
    }

    /// <summary>The spec name of <paramref name="kind"/>; <see cref="Parse"/> reads it back.</summary>
    public static string ToName(KdLossKind kind)
    {
        foreach (var (name, candidate) in KindsByName)
        {
            if (candidate == kind)
            {
                return name;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a KD loss kind");
    }
}
