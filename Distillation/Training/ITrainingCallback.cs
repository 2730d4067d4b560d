namespace FaceKdGrid.Distillation.Training;

/// <summary>Runs after every epoch: logging, checkpointing, progress reports, early stopping.</summary>
public interface ITrainingCallback
{
    Task OnEpochEndAsync(EpochEndContext context, CancellationToken cancellationToken);
}
