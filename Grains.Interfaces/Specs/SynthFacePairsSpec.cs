namespace FaceKdGrid.Grains.Specs;

/// <summary>
/// SynthFace verification pairs in the LFW layout: folds of matched and mismatched pairs, identity-disjoint across
/// folds, on test identities; and the same layout on validation identities apart from them (what selection reads).
/// </summary>
[GenerateSerializer, Immutable, Alias("fkd.SynthFacePairsSpec")]
public sealed record SynthFacePairsSpec
{
    [Id(0)] public int Identities { get; init; } = 100;

    [Id(1)] public int PairsPerFold { get; init; } = 50;

    [Id(2)] public int Folds { get; init; } = 10;

    /// <summary>Seeds which pairs are drawn (the identities' looks follow the data's seed).</summary>
    [Id(3)] public int Seed { get; init; } = 1007;

    /// <summary>Identities of the validation pairs, rendered after the test identities (so never the same); null: as many as the test pairs.</summary>
    [Id(4)] public int? ValidationIdentities { get; init; }
}
