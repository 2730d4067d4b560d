using FaceKdGrid.Distillation.Training;

namespace FaceKdGrid.Distillation.Tests.Training;

/// <summary>Keeps the checkpoint after <paramref name="afterEpoch"/> and stops the run there ("asked to stop").</summary>
internal sealed class CheckpointAndStop(int afterEpoch) : ITrainingCallback
{
    public TrainingCheckpoint? Checkpoint { get; private set; }

    public Task OnEpochEndAsync(EpochEndContext context, CancellationToken cancellationToken)
    {
        if (context.Metrics.Epoch == afterEpoch)
        {
            Checkpoint = context.CaptureCheckpoint();
            context.RequestStop("asked to stop");
        }
        return Task.CompletedTask;
    }
}
