namespace FaceKdGrid.Grains.Specs;

/// <summary>One trial of a sweep as expansion defines it: stable id, kind and (for students) parameters.</summary>
[GenerateSerializer, Immutable, Alias("fkd.TrialDefinition")]
public sealed record TrialDefinition
{
    /// <summary>The id of the teacher-training trial, when the sweep trains its teacher.</summary>
    public const string TeacherTrialId = "teacher";

    [Id(0)] public string TrialId { get; init; } = "";

    [Id(1)] public TrialKind Kind { get; init; }

    /// <summary>The resolved search-space values; null for the teacher trial.</summary>
    [Id(2)] public TrialParameters? Parameters { get; init; }
}
