using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>A sweep's status and how many of its trials stand where: what a list or a poll needs, at any sweep size.</summary>
[GenerateSerializer, Immutable, Alias("fkd.SweepSummary")]
public sealed record SweepSummary
{
    [Id(0)] public string SweepId { get; init; } = "";

    [Id(1)] public SweepStatus Status { get; init; }

    [Id(2)] public int TrialCount { get; init; }

    /// <summary>Trials per status; a status no trial has is absent.</summary>
    [Id(3)] public IReadOnlyDictionary<TrialStatus, int> Trials { get; init; } = new Dictionary<TrialStatus, int>();

    [Id(4)] public DateTimeOffset? SubmittedAt { get; init; }

    [Id(5)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The metric the sweep ranks its trials by, so a follower can name the values its events carry.</summary>
    [Id(6)] public SweepMetric Metric { get; init; }

    public int Count(TrialStatus status) => Trials.GetValueOrDefault(status);
}
