namespace FaceKdGrid.Grains.Trials;

/// <summary>
/// The final metrics of a finished trial, as the training engine measured them: on the test pairs (reported) and on
/// the validation pairs (what selection reads; identities apart from the test pairs). For the
/// teacher trial the teacher's own size and accuracy are in <see cref="StudentParams"/>/<see cref="Accuracy"/>
/// too, and also in <see cref="TeacherParams"/>/<see cref="TeacherAccuracy"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("fkd.TrialOutcome")]
public sealed record TrialOutcome
{
    /// <summary>Mean verification accuracy over the test folds.</summary>
    [Id(0)] public double Accuracy { get; init; }

    [Id(1)] public double AccuracyStd { get; init; }

    /// <summary>The same network at initialisation on the same pairs: the honest reference.</summary>
    [Id(2)] public double UntrainedAccuracy { get; init; }

    /// <summary>True-accept rate on the test pairs at <see cref="Far"/>.</summary>
    [Id(3)] public double Tar { get; init; }

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

    /// <summary>The false-accept rate <see cref="Tar"/> is read at: the smallest the test pairs support (at least 10 false accepts allowed).</summary>
    [Id(14)] public double Far { get; init; }

    /// <summary>Verification accuracy on the validation pairs: what early stopping and best-per-ratio choose by.</summary>
    [Id(15)] public double ValidationAccuracy { get; init; }

    /// <summary>TAR on the validation pairs at the FAR they support.</summary>
    [Id(16)] public double ValidationTar { get; init; }

    /// <summary>
    /// The epoch this attempt's engine resumed after, read from the checkpoint it loaded (0 when it started fresh): what
    /// the engine did, where the assignment's resume epoch is what the scheduler asked.
    /// </summary>
    [Id(17)] public int ResumedFromEpoch { get; init; }

    /// <summary>Teacher forward passes (batches) this attempt ran itself: 0 when every teacher output came from the shared cache.</summary>
    [Id(18)] public int TeacherForwardPasses { get; init; }

    /// <summary>Teacher-output cache entries (a shard-epoch of outputs, or the prototypes) this attempt read instead of computing.</summary>
    [Id(19)] public int TeacherCacheHits { get; init; }
}
