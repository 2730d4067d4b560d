using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Records;

namespace FaceKdGrid.Grains.Trials;

/// <summary>The persisted state of one experiment grain.</summary>
[GenerateSerializer, Alias("fkd.ExperimentState")]
public sealed class ExperimentState
{
    [Id(0)] public TrialDefinition? Definition { get; set; }

    [Id(1)] public TrialLifecycle Lifecycle { get; set; } = new();

    [Id(2)] public List<EpochMetrics> Epochs { get; set; } = [];

    [Id(3)] public string? LastCheckpoint { get; set; }

    [Id(4)] public int LastCheckpointEpoch { get; set; }
}
