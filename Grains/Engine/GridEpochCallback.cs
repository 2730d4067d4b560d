using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Training;
using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Engine;

/// <summary>
/// After each epoch: the checkpoint goes to the artifact store first (so a silo dying right after loses
/// nothing), then the grid hears of it and of the epoch's metrics, and the scheduler's answer may stop the
/// trial. The newest <see cref="KeptCheckpoints"/> epoch checkpoints are kept, so an attempt that finds the newest
/// corrupt resumes from the one before (<see cref="TrialResume"/>) instead of starting over.
/// </summary>
public sealed class GridEpochCallback(IArtifactStore store, TrialAssignment assignment, ITrialProgressSink progress) : ITrainingCallback
{
    public const int KeptCheckpoints = 2;

    public async Task OnEpochEndAsync(EpochEndContext context, CancellationToken cancellationToken)
    {
        var metrics = context.Metrics;
        var key = TrialArtifacts.EpochCheckpoint(assignment.SweepId, assignment.TrialId, metrics.Epoch);
        await TrialArtifacts.WriteCheckpointAsync(store, key, context.CaptureCheckpoint(), cancellationToken);
        await progress.ReportCheckpointAsync(metrics.Epoch, key, cancellationToken);
        if (metrics.Epoch > KeptCheckpoints)
        {
            await store.DeleteAsync(TrialArtifacts.EpochCheckpoint(assignment.SweepId, assignment.TrialId, metrics.Epoch - KeptCheckpoints), cancellationToken);
        }

        var decision = await progress.ReportEpochAsync(metrics, cancellationToken);
        if (decision == EpochDecision.Stop)
        {
            context.RequestStop("stopped by the sweep's scheduler");
        }
    }
}
