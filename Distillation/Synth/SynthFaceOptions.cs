namespace FaceKdGrid.Distillation.Synth;

/// <summary>Settings of a <see cref="SynthFaceGenerator"/>; validated on construction and on every <c>with</c>.</summary>
public sealed record SynthFaceOptions
{
    public const int MinImageSize = 16;
    public const int MaxImageSize = 512;

    /// <param name="imageSize">Side of the square aligned crops in pixels.</param>
    /// <param name="difficulty">Nuisance and identity-similarity level; <see cref="SynthFaceDifficulty.Standard"/> when null.</param>
    /// <param name="seed">Selects the population of identities and every image drawn from it.</param>
    /// <param name="hardNegativeFraction">Share of mismatched verification pairs that use the nearest other identity.</param>
    public SynthFaceOptions(int imageSize = 112, SynthFaceDifficulty? difficulty = null, long seed = 0, double hardNegativeFraction = 0.5)
    {
        ImageSize = imageSize;
        Difficulty = difficulty ?? SynthFaceDifficulty.Standard;
        Seed = seed;
        HardNegativeFraction = hardNegativeFraction;
    }

    public int ImageSize
    {
        get;
        init => field = value is >= MinImageSize and <= MaxImageSize
            ? value
            : throw new ArgumentOutOfRangeException("imageSize", value, $"image size must be {MinImageSize} to {MaxImageSize} pixels");
    }

    public SynthFaceDifficulty Difficulty
    {
        get;
        init => field = value ?? throw new ArgumentNullException("difficulty");
    }

    public long Seed { get; init; }

    public double HardNegativeFraction
    {
        get;
        init => field = value is >= 0 and <= 1
            ? value
            : throw new ArgumentOutOfRangeException("hardNegativeFraction", value, "the hard-negative fraction must lie in [0, 1]");
    }
}
