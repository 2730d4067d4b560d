using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Trials;

/// <summary>One row of a sweep's results table: the trial's lifecycle as its coordinator last heard it, and its progress.</summary>
[GenerateSerializer, Immutable, Alias("fkd.TrialResult")]
public sealed record TrialResult
{
    [Id(0)] public string TrialId { get; init; } = "";

    [Id(1)] public TrialKind Kind { get; init; }

    [Id(2)] public TrialParameters? Parameters { get; init; }

    [Id(3)] public TrialLifecycle Lifecycle { get; init; } = new();

    /// <summary>The last epoch reported (the outcome's count once finished).</summary>
    [Id(4)] public int Epochs { get; init; }

    /// <summary>The last reported value of the sweep's metric on the validation pairs.</summary>
    [Id(5)] public double? LastMetric { get; init; }

    public TrialStatus Status => Lifecycle.Status;

    /// <summary>Final metrics; null until the trial completes or is stopped.</summary>
    public TrialOutcome? Outcome => Lifecycle.Outcome;
}
