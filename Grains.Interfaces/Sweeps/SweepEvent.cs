using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>One item of a sweep's progress stream.</summary>
[GenerateSerializer, Immutable, Alias("fkd.SweepEvent")]
public sealed record SweepEvent
{
    [Id(0)] public SweepEventKind Kind { get; init; }

    [Id(1)] public string? TrialId { get; init; }

    [Id(2)] public TrialStatus TrialStatus { get; init; }

    /// <summary>Epochs reported so far by the trial.</summary>
    [Id(3)] public int Epoch { get; init; }

    /// <summary>Epochs the trial is set to run (for progress bars).</summary>
    [Id(4)] public int TotalEpochs { get; init; }

    /// <summary>The sweep metric at <see cref="Epoch"/>, or the final one.</summary>
    [Id(5)] public double? Metric { get; init; }

    [Id(6)] public int Attempt { get; init; }

    [Id(7)] public string? Message { get; init; }

    [Id(8)] public SweepStatus SweepStatus { get; init; }

    [Id(9)] public DateTimeOffset Time { get; init; }

    /// <summary>The worker of the trial's latest attempt, <c>{silo}/{device}</c>; null before its first.</summary>
    [Id(10)] public string? Worker { get; init; }
}
