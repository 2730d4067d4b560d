namespace FaceKdGrid.Grains.Sweeps;

/// <summary>The sweep's teacher as measured: size and verification accuracy (null until known).</summary>
[GenerateSerializer, Immutable, Alias("fkd.TeacherSummary")]
public sealed record TeacherSummary
{
    [Id(0)] public long? Params { get; init; }

    [Id(1)] public double? Accuracy { get; init; }
}
