namespace FaceKdGrid.Grains.Specs;

/// <summary>
/// One sweep: what teacher to distil, on which unlabeled pool, evaluated on which pairs, over which search space,
/// and how to schedule it. Every member but <see cref="Name"/>, <see cref="Teacher"/> and <see cref="SearchSpace"/>
/// has a default; <see cref="SweepSpecValidator"/> says what is wrong with a spec.
/// </summary>
[GenerateSerializer, Immutable, Alias("fkd.SweepSpec")]
public sealed record SweepSpec
{
    /// <summary>The sweep id: letters, digits, '-', '_' and '.'.</summary>
    [Id(0)] public string Name { get; init; } = "";

    [Id(1)] public TeacherSpec? Teacher { get; init; }

    [Id(2)] public DataSpec Data { get; init; } = new();

    [Id(3)] public EvaluationSpec Evaluation { get; init; } = new();

    [Id(4)] public SearchSpaceSpec? SearchSpace { get; init; }

    /// <summary>How many times each grid point is sampled (random domains drawn afresh each time).</summary>
    [Id(5)] public int NumSamples { get; init; } = 1;

    [Id(6)] public SweepMetric Metric { get; init; } = SweepMetric.Accuracy;

    [Id(7)] public OptimisationMode Mode { get; init; } = OptimisationMode.Max;

    [Id(8)] public int MaxConcurrent { get; init; } = 4;

    [Id(9)] public SchedulerSpec Scheduler { get; init; } = new();

    /// <summary>How many times a failing trial is retried before it fails for good.</summary>
    [Id(10)] public int MaxFailures { get; init; } = 2;

    /// <summary>cpu, cuda or auto: the engine's device name; workers are matched on it.</summary>
    [Id(11)] public string Device { get; init; } = "cpu";
}
