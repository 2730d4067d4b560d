namespace FaceKdGrid.Distillation.Models;

/// <summary>
/// A member of the MobileFaceNet family: <see cref="Width"/> scales every channel count (rounded to a multiple of 8),
/// <see cref="Depth"/> scales the bottleneck repeat counts (rounded, at least 1). Width = Depth = 1 at 112 px with a
/// 128-d embedding is Chen et al.'s MobileFaceNet (about 1M parameters). Every value is checked, also in
/// <c>with</c> expressions.
/// </summary>
public sealed record MobileFaceNetConfig
{
    public MobileFaceNetConfig(double Width = 1.0, double Depth = 1.0, int InputSize = 112, int EmbeddingSize = 128)
    {
        this.Width = Width;
        this.Depth = Depth;
        this.InputSize = InputSize;
        this.EmbeddingSize = EmbeddingSize;
    }

    public double Width { get; init => field = ArchitectureArguments.RequirePositiveMultiplier(value, nameof(Width)); }

    public double Depth { get; init => field = ArchitectureArguments.RequirePositiveMultiplier(value, nameof(Depth)); }

    public int InputSize { get; init => field = ArchitectureArguments.RequireInputSize(value, nameof(InputSize)); }

    public int EmbeddingSize { get; init => field = ArchitectureArguments.RequireEmbeddingSize(value, nameof(EmbeddingSize)); }
}
