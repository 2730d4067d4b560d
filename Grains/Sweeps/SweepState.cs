using FaceKdGrid.Grains.Scheduling;
using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>The persisted state of one sweep coordinator.</summary>
[GenerateSerializer, Alias("fkd.SweepState")]
public sealed class SweepState
{
    [Id(0)] public SweepSpec? Spec { get; set; }

    /// <summary>Hash of the canonical spec: the same id with another spec is a conflict.</summary>
    [Id(1)] public string Fingerprint { get; set; } = "";

    [Id(2)] public SweepStatus Status { get; set; }

    /// <summary>Teacher first, then students in id order.</summary>
    [Id(3)] public List<TrialState> Trials { get; set; } = [];

    [Id(4)] public AshaState Asha { get; set; } = new();

    [Id(5)] public DateTimeOffset? SubmittedAt { get; set; }

    [Id(6)] public DateTimeOffset? FinishedAt { get; set; }
}
