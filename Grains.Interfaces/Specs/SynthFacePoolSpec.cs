namespace FaceKdGrid.Grains.Specs;

/// <summary>SynthFace parameters of an unlabeled pool (identities are drawn with a Zipf imbalance).</summary>
[GenerateSerializer, Immutable, Alias("fkd.SynthFacePoolSpec")]
public sealed record SynthFacePoolSpec
{
    [Id(0)] public int ImageSize { get; init; } = 32;

    /// <summary>The renderer's difficulty level name; the engine knows the levels.</summary>
    [Id(1)] public string Difficulty { get; init; } = "standard";

    [Id(2)] public int Seed { get; init; } = 7;

    [Id(3)] public int Identities { get; init; } = 400;

    [Id(4)] public int Images { get; init; } = 4000;

    /// <summary>Zipf exponent of the identity distribution; 0 is balanced.</summary>
    [Id(5)] public double Zipf { get; init; } = 1.0;
}
