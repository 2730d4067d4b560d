using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Trials;

/// <summary>
/// Everything a worker needs to run one attempt of one trial: which trial, what to train (the resolved
/// parameters and the sweep's teacher, data and evaluation sections) and where to resume from.
/// </summary>
[GenerateSerializer, Immutable, Alias("fkd.TrialAssignment")]
public sealed record TrialAssignment
{
    [Id(0)] public string SweepId { get; init; } = "";

    [Id(1)] public string TrialId { get; init; } = "";

    [Id(2)] public TrialKind Kind { get; init; }

    /// <summary>1 for the first attempt; reports carry it so the coordinator can ignore superseded attempts.</summary>
    [Id(3)] public int Attempt { get; init; }

    /// <summary>Resolved search-space values; null for the teacher trial.</summary>
    [Id(4)] public TrialParameters? Parameters { get; init; }

    [Id(5)] public TeacherSpec Teacher { get; init; } = new();

    [Id(6)] public DataSpec Data { get; init; } = new();

    [Id(7)] public EvaluationSpec Evaluation { get; init; } = new();

    /// <summary>The engine's device name (cpu, cuda, auto) the sweep asked for.</summary>
    [Id(8)] public string Device { get; init; } = "cpu";

    /// <summary>The metric the coordinator schedules by (reported per epoch).</summary>
    [Id(9)] public SweepMetric Metric { get; init; }

    /// <summary>Artifact key of this trial's last checkpoint to resume from; null to start afresh.</summary>
    [Id(10)] public string? ResumeFrom { get; init; }

    /// <summary>Artifact key of the teacher trained by this sweep's teacher trial (students of a trained teacher).</summary>
    [Id(11)] public string? TeacherCheckpoint { get; init; }

    /// <summary>The epoch <see cref="ResumeFrom"/> was written after; training continues with the next one.</summary>
    [Id(12)] public int ResumeEpoch { get; init; }

    public string TrialKey => TrialKeys.Of(SweepId, TrialId);
}
