namespace FaceKdGrid.Grains.Specs;

/// <summary>Early stopping: none (fifo) or ASHA with Ray Tune's defaults.</summary>
[GenerateSerializer, Immutable, Alias("fkd.SchedulerSpec")]
public sealed record SchedulerSpec
{
    [Id(0)] public SchedulerKind Kind { get; init; } = SchedulerKind.Fifo;

    /// <summary>Epochs before a trial can first be stopped.</summary>
    [Id(1)] public int GracePeriod { get; init; } = 1;

    /// <summary>Only the best 1/ReductionFactor of the trials at a rung go on.</summary>
    [Id(2)] public int ReductionFactor { get; init; } = 4;

    /// <summary>No trial runs past this many epochs.</summary>
    [Id(3)] public int MaxEpochs { get; init; } = 100;
}
