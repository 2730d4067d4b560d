namespace FaceKdGrid.Distillation.Models;

/// <summary>
/// An InsightFace IResNet: <see cref="Depth"/> 18, 34, 50 or 100 picks the block counts per stage; <see cref="Width"/>
/// scales the stage channels (64, 128, 256, 512; Width = 1 is exactly InsightFace's) for small CPU teachers;
/// <see cref="Layers"/> (four block counts) overrides <see cref="Depth"/> when set. Every value is checked, also in
/// <c>with</c> expressions.
/// </summary>
public sealed record IResNetConfig
{
    private static readonly Dictionary<int, int[]> LayersByDepth = new()
    {
        [18] = [2, 2, 2, 2],
        [34] = [3, 4, 6, 3],
        [50] = [3, 4, 14, 3],
        [100] = [3, 13, 30, 3],
    };

    public IResNetConfig(int Depth = 50, double Width = 1.0, int InputSize = 112, int EmbeddingSize = 512)
    {
        this.Depth = Depth;
        this.Width = Width;
        this.InputSize = InputSize;
        this.EmbeddingSize = EmbeddingSize;
    }

    /// <summary>The depths with a predefined layout.</summary>
    public static IReadOnlyCollection<int> KnownDepths => LayersByDepth.Keys;

    public int Depth { get; init => field = RequireKnownDepth(value); }

    public double Width { get; init => field = ArchitectureArguments.RequirePositiveMultiplier(value, nameof(Width)); }

    public int InputSize { get; init => field = ArchitectureArguments.RequireInputSize(value, nameof(InputSize)); }

    public int EmbeddingSize { get; init => field = ArchitectureArguments.RequireEmbeddingSize(value, nameof(EmbeddingSize)); }

    /// <summary>Blocks in each of the four stages; null means the layout of <see cref="Depth"/>. Copied on set.</summary>
    public int[]? Layers { get; init => field = RequireLayers(value); }

    /// <summary>Dropout probability on the flattened features before <c>fc</c> (InsightFace's default: 0).</summary>
    public double Dropout { get; init => field = RequireProbability(value); }

    /// <summary>The block counts actually built: <see cref="Layers"/> when set, otherwise the layout of <see cref="Depth"/>.</summary>
    public IReadOnlyList<int> ResolvedLayers => Layers ?? LayersByDepth[Depth];

    private static int RequireKnownDepth(int value)
    {
        if (!LayersByDepth.ContainsKey(value))
        {
            throw new ArgumentOutOfRangeException(nameof(Depth), value, $"{nameof(Depth)} must be one of {string.Join(", ", LayersByDepth.Keys)} (or give {nameof(Layers)})");
        }
        return value;
    }

    private static double RequireProbability(double value)
    {
        if (!(value >= 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Dropout), value, $"{nameof(Dropout)} must be in [0, 1)");
        }
        return value;
    }

    private static int[]? RequireLayers(int[]? value)
    {
        if (value is not null && (value.Length != 4 || value.Any(count => count < 1)))
        {
            throw new ArgumentOutOfRangeException(nameof(Layers), $"{nameof(Layers)} must hold four block counts, each at least 1; got [{string.Join(", ", value)}]");
        }
        return value is null ? null : [.. value];
    }
}
