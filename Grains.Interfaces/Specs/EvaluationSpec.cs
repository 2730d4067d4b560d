namespace FaceKdGrid.Grains.Specs;

/// <summary>
/// Held-out verification pairs (rendered by SynthFace on unseen identities, or an ingested test set with an ingested
/// validation set beside it) and, optionally, faces on which each student is compared with its teacher without labels.
/// </summary>
[GenerateSerializer, Immutable, Alias("fkd.EvaluationSpec")]
public sealed record EvaluationSpec
{
    [Id(0)] public SynthFacePairsSpec? SynthFace { get; init; } = new();

    /// <summary>Name of an ingested verification set (e.g. lfw-bin) that only reports; exclusive with <see cref="SynthFace"/>.</summary>
    [Id(1)] public string? Dataset { get; init; }

    /// <summary>
    /// Name of a second ingested verification set (e.g. cfp-fp-bin), required with <see cref="Dataset"/>: early stopping,
    /// best per ratio and the Pareto front read it, so the test pairs are never selected on.
    /// </summary>
    [Id(4)] public string? ValidationDataset { get; init; }

    /// <summary>Name of an ingested set of faces (labels ignored) on which each student's agreement with its teacher is measured.</summary>
    [Id(2)] public string? Agreement { get; init; }

    /// <summary>The FAR TAR is reported at; null: the smallest the pairs support (at least 10 false accepts allowed).</summary>
    [Id(3)] public double? Far { get; init; }
}
