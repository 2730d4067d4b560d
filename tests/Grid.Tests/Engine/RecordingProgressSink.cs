using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Records;

namespace FaceKdGrid.Grid.Tests.Engine;

/// <summary>Stands in for the experiment grain: keeps the last checkpoint reported and lets every epoch go on.</summary>
internal sealed class RecordingProgressSink : ITrialProgressSink
{
    public string? LastCheckpoint { get; private set; }

    public int LastCheckpointEpoch { get; private set; }

    public Task<EpochDecision> ReportEpochAsync(EpochMetrics metrics, CancellationToken cancellationToken) => Task.FromResult(EpochDecision.Continue);

    public Task ReportCheckpointAsync(int epoch, string location, CancellationToken cancellationToken)
    {
        LastCheckpoint = location;
        LastCheckpointEpoch = epoch;
        return Task.CompletedTask;
    }
}
