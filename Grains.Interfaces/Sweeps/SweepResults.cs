using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>A sweep's results: every student trial's row, the seeds aggregated per configuration, the teacher, best per ratio and the Pareto front.</summary>
[GenerateSerializer, Immutable, Alias("fkd.SweepResults")]
public sealed record SweepResults
{
    [Id(0)] public string SweepId { get; init; } = "";

    [Id(1)] public SweepStatus Status { get; init; }

    [Id(2)] public SweepMetric Metric { get; init; }

    [Id(3)] public OptimisationMode Mode { get; init; }

    [Id(4)] public TeacherSummary Teacher { get; init; } = new();

    /// <summary>Student trials in id order.</summary>
    [Id(5)] public IReadOnlyList<TrialResult> Trials { get; init; } = [];

    /// <summary>The teacher trial's row when the sweep trains its teacher.</summary>
    [Id(6)] public TrialResult? TeacherTrial { get; init; }

    [Id(7)] public IReadOnlyList<RatioBest> BestPerRatio { get; init; } = [];

    /// <summary>Accuracy (or the sweep's metric) against student parameters, smallest student first.</summary>
    [Id(8)] public IReadOnlyList<ParetoPoint> Pareto { get; init; } = [];

    /// <summary>The student trials with a result, grouped by configuration across seeds, in first-trial order.</summary>
    [Id(9)] public IReadOnlyList<SeedGroup> Groups { get; init; } = [];
}
