namespace FaceKdGrid.Grains.Specs;

/// <summary>
/// Held-out verification pairs (rendered by SynthFace on unseen identities, or an ingested set) and, optionally,
/// faces on which each student is compared with its teacher without labels.
/// </summary>
[GenerateSerializer, Immutable, Alias("fkd.EvaluationSpec")]
public sealed record EvaluationSpec
{
    [Id(0)] public SynthFacePairsSpec? SynthFace { get; init; } = new();

    /// <summary>Name of an ingested verification set (e.g. lfw-bin); exclusive with <see cref="SynthFace"/>.</summary>
    [Id(1)] public string? Dataset { get; init; }

    /// <summary>Name of an ingested set of faces (labels ignored) on which each student's agreement with its teacher is measured.</summary>
    [Id(2)] public string? Agreement { get; init; }

    /// <summary>The FAR TAR is reported at; null: the smallest the pairs support (at least 10 false accepts allowed).</summary>
    [Id(3)] public double? Far { get; init; }
}
