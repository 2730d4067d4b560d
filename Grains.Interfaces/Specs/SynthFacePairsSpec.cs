namespace FaceKdGrid.Grains.Specs;

/// <summary>SynthFace verification pairs in the LFW layout (folds of matched and mismatched pairs).</summary>
[GenerateSerializer, Immutable, Alias("fkd.SynthFacePairsSpec")]
public sealed record SynthFacePairsSpec
{
    [Id(0)] public int Identities { get; init; } = 100;

    [Id(1)] public int PairsPerFold { get; init; } = 50;

    [Id(2)] public int Folds { get; init; } = 10;

    [Id(3)] public int Seed { get; init; } = 1007;
}
