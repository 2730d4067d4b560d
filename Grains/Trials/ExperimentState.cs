using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Trials;

/// <summary>The persisted state of one experiment grain.</summary>
[GenerateSerializer, Alias("fkd.ExperimentState")]
public sealed class ExperimentState
{
    [Id(0)] public TrialDefinition? Definition { get; set; }

    [Id(1)] public TrialStatus Status { get; set; }

    [Id(2)] public string? Reason { get; set; }

    [Id(3)] public int Attempts { get; set; }

    [Id(4)] public string? Worker { get; set; }

    [Id(5)] public List<EpochMetrics> Epochs { get; set; } = [];

    [Id(6)] public string? LastCheckpoint { get; set; }

    [Id(7)] public int LastCheckpointEpoch { get; set; }

    [Id(8)] public TrialOutcome? Outcome { get; set; }

    [Id(9)] public DateTimeOffset? StartedAt { get; set; }

    [Id(10)] public DateTimeOffset? FinishedAt { get; set; }

    [Id(11)] public string? WorkerIncarnation { get; set; }

    [Id(12)] public DateTimeOffset? DispatchedAt { get; set; }

    [Id(13)] public int Failures { get; set; }
}
