namespace FaceKdGrid.Grains.Trials;

/// <summary>
/// The final metrics of a finished trial, as the training engine measured them on the evaluation pairs. For the
/// teacher trial the teacher's own size and accuracy are in <see cref="StudentParams"/>/<see cref="Accuracy"/>
/// too, and also in <see cref="TeacherParams"/>/<see cref="TeacherAccuracy"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("fkd.TrialOutcome")]
public sealed record TrialOutcome
{
    /// <summary>Mean verification accuracy over the folds.</summary>
    [Id(0)] public double Accuracy { get; init; }

    [Id(1)] public double AccuracyStd { get; init; }

    /// <summary>The same network at initialisation on the same pairs: the honest reference.</summary>
    [Id(2)] public double UntrainedAccuracy { get; init; }

    [Id(3)] public double TarAtFar1e3 { get; init; }

    [Id(4)] public long StudentParams { get; init; }

    /// <summary>Teacher parameters / student parameters of the configuration actually built.</summary>
    [Id(5)] public double CompressionRatio { get; init; }

    [Id(6)] public long MultiplyAdds { get; init; }

    [Id(7)] public int EpochsRun { get; init; }

    [Id(8)] public long? TeacherParams { get; init; }

    [Id(9)] public double? TeacherAccuracy { get; init; }

    /// <summary>Artifact-store key of the final checkpoint (students start from the teacher trial's).</summary>
    [Id(10)] public string? CheckpointLocation { get; init; }

    /// <summary>
    /// How closely the student arranges the spec's agreement faces like its teacher: the correlation of their pairwise
    /// cosine similarities (null without <c>evaluation.agreement</c>, and for the teacher trial).
    /// </summary>
    [Id(11)] public double? TeacherAgreement { get; init; }

    /// <summary>The same correlation for the same student at initialisation: the honest reference.</summary>
    [Id(12)] public double? UntrainedTeacherAgreement { get; init; }

    /// <summary>Fraction of agreement faces whose nearest other face is the same for the trained student and the teacher.</summary>
    [Id(13)] public double? TeacherNeighbourAgreement { get; init; }
}
