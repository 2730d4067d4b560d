namespace FaceKdGrid.Grains.Specs;

/// <summary>Held-out verification pairs: rendered by SynthFace on unseen identities, or an ingested set.</summary>
[GenerateSerializer, Immutable, Alias("fkd.EvaluationSpec")]
public sealed record EvaluationSpec
{
    [Id(0)] public SynthFacePairsSpec? SynthFace { get; init; } = new();

    /// <summary>Name of an ingested verification set (e.g. lfw-bin); exclusive with <see cref="SynthFace"/>.</summary>
    [Id(1)] public string? Dataset { get; init; }
}
