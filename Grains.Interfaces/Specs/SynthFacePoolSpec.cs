namespace FaceKdGrid.Grains.Specs;

/// <summary>
/// SynthFace parameters of the pool. Its imbalance (the Zipf exponent of identity frequencies) is the search key
/// <c>data.synthface.zipf</c>, so one sweep can hold balanced and imbalanced pools.
/// </summary>
[GenerateSerializer, Immutable, Alias("fkd.SynthFacePoolSpec")]
public sealed record SynthFacePoolSpec
{
    [Id(0)] public int ImageSize { get; init; } = 32;

    /// <summary>The renderer's difficulty level name; the engine knows the levels.</summary>
    [Id(1)] public string Difficulty { get; init; } = "standard";

    [Id(2)] public int Seed { get; init; } = 7;

    [Id(3)] public int Identities { get; init; } = 400;

    [Id(4)] public int Images { get; init; } = 4000;
}
