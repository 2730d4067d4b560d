using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Records;

namespace FaceKdGrid.Grains.Trials;

/// <summary>Everything known about one trial: what the experiment grain holds.</summary>
[GenerateSerializer, Immutable, Alias("fkd.TrialSnapshot")]
public sealed record TrialSnapshot
{
    [Id(0)] public string SweepId { get; init; } = "";

    [Id(1)] public string TrialId { get; init; } = "";

    /// <summary>False when no sweep ever defined this trial.</summary>
    [Id(2)] public bool Exists { get; init; }

    [Id(3)] public TrialKind Kind { get; init; }

    [Id(4)] public TrialParameters? Parameters { get; init; }

    [Id(5)] public TrialLifecycle Lifecycle { get; init; } = new();

    /// <summary>The epoch curve: one entry per epoch (a resumed attempt replaces the epochs it re-runs).</summary>
    [Id(6)] public IReadOnlyList<EpochMetrics> Epochs { get; init; } = [];

    [Id(7)] public string? LastCheckpoint { get; init; }

    [Id(8)] public int LastCheckpointEpoch { get; init; }

    public TrialStatus Status => Lifecycle.Status;

    public TrialOutcome? Outcome => Lifecycle.Outcome;
}
