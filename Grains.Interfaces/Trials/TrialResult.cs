using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Trials;

/// <summary>One row of a sweep's results table.</summary>
[GenerateSerializer, Immutable, Alias("fkd.TrialResult")]
public sealed record TrialResult
{
    [Id(0)] public string TrialId { get; init; } = "";

    [Id(1)] public TrialKind Kind { get; init; }

    [Id(2)] public TrialStatus Status { get; init; }

    [Id(3)] public TrialParameters? Parameters { get; init; }

    /// <summary>Final metrics; null until the trial completes or is stopped.</summary>
    [Id(4)] public TrialOutcome? Outcome { get; init; }

    /// <summary>The reason of the last failure, if any.</summary>
    [Id(5)] public string? Error { get; init; }

    /// <summary>Attempts started so far (retries and re-queues after a lost worker included).</summary>
    [Id(6)] public int Attempts { get; init; }

    /// <summary>The last epoch reported (the outcome's count once finished).</summary>
    [Id(7)] public int Epochs { get; init; }

    /// <summary>The last reported value of the sweep's metric on the validation pairs.</summary>
    [Id(8)] public double? LastMetric { get; init; }

    /// <summary>The worker running it now or last, as <c>{silo}/{device}</c>.</summary>
    [Id(9)] public string? Worker { get; init; }
}
