using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>A sweep's status with every trial's row (teacher first).</summary>
[GenerateSerializer, Immutable, Alias("fkd.SweepSnapshot")]
public sealed record SweepSnapshot
{
    [Id(0)] public string SweepId { get; init; } = "";

    [Id(1)] public SweepStatus Status { get; init; }

    [Id(2)] public SweepSpec? Spec { get; init; }

    [Id(3)] public IReadOnlyList<TrialResult> Trials { get; init; } = [];

    [Id(4)] public DateTimeOffset? SubmittedAt { get; init; }

    [Id(5)] public DateTimeOffset? FinishedAt { get; init; }
}
