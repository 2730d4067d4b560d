using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Trials;

/// <summary>Everything known about one trial: what the experiment grain holds.</summary>
[GenerateSerializer, Immutable, Alias("fkd.TrialSnapshot")]
public sealed record TrialSnapshot
{
    [Id(0)] public string SweepId { get; init; } = "";

    [Id(1)] public string TrialId { get; init; } = "";

    [Id(2)] public TrialKind Kind { get; init; }

    [Id(3)] public TrialParameters? Parameters { get; init; }

    [Id(4)] public TrialStatus Status { get; init; }

    /// <summary>Why the trial failed, or why it was re-queued last.</summary>
    [Id(5)] public string? Reason { get; init; }

    [Id(6)] public int Attempts { get; init; }

    [Id(7)] public string? Worker { get; init; }

    /// <summary>The epoch curve: one entry per epoch (a resumed attempt replaces the epochs it re-runs).</summary>
    [Id(8)] public IReadOnlyList<EpochMetrics> Epochs { get; init; } = [];

    [Id(9)] public string? LastCheckpoint { get; init; }

    [Id(10)] public int LastCheckpointEpoch { get; init; }

    [Id(11)] public TrialOutcome? Outcome { get; init; }

    [Id(12)] public DateTimeOffset? StartedAt { get; init; }

    [Id(13)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>False when no sweep ever defined this trial.</summary>
    [Id(14)] public bool Exists { get; init; }

    /// <summary>The process of <see cref="Worker"/> the running attempt went to.</summary>
    [Id(15)] public string? WorkerIncarnation { get; init; }

    /// <summary>When the latest attempt was dispatched.</summary>
    [Id(16)] public DateTimeOffset? DispatchedAt { get; init; }

    /// <summary>Failed attempts counted against max_failures (lost workers and hand-offs do not count).</summary>
    [Id(17)] public int Failures { get; init; }
}
