using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>
/// The trials of one configuration that differ only in <c>seed</c>, summarised across seeds: the unit that tables,
/// best-per-ratio, the Pareto front and the plot compare, so a difference is read against the spread between seeds.
/// </summary>
[GenerateSerializer, Immutable, Alias("fkd.SeedGroup")]
public sealed record SeedGroup
{
    /// <summary>The group's first trial id; it names the group.</summary>
    [Id(0)] public string GroupId { get; init; } = "";

    /// <summary>The trials with a result (completed or stopped early), in id order.</summary>
    [Id(1)] public IReadOnlyList<string> TrialIds { get; init; } = [];

    /// <summary>The shared parameters (the seed shown is the first trial's).</summary>
    [Id(2)] public TrialParameters Parameters { get; init; } = TrialParameters.Defaults;

    [Id(3)] public long StudentParams { get; init; }

    /// <summary>Test accuracy (each trial's mean over folds) across seeds.</summary>
    [Id(4)] public MetricSummary Accuracy { get; init; } = new();

    /// <summary>Test TAR at <see cref="Far"/> across seeds.</summary>
    [Id(5)] public MetricSummary Tar { get; init; } = new();

    [Id(6)] public double Far { get; init; }

    /// <summary>The sweep's metric on the validation pairs across seeds: what selection reads.</summary>
    [Id(7)] public MetricSummary Selection { get; init; } = new();

    /// <summary>The same students untrained, on the test pairs, across seeds.</summary>
    [Id(8)] public MetricSummary UntrainedAccuracy { get; init; } = new();

    /// <summary>Whether some trial of the group was stopped early by the scheduler (its metrics are from fewer epochs).</summary>
    [Id(9)] public bool StoppedEarly { get; init; }

    public double CompressionRatio => Parameters.CompressionRatio;

    /// <summary>The sweep's metric on the test pairs across seeds: what tables report.</summary>
    public MetricSummary Reported(SweepMetric metric) => metric == SweepMetric.Tar ? Tar : Accuracy;
}
