using FaceKdGrid.Distillation.Training;

namespace FaceKdGrid.Bench;

/// <summary>Notes the process CPU time at the end of every epoch, so one epoch's CPU cost can be read off.</summary>
internal sealed class EpochCpuClock : ITrainingCallback
{
    private readonly List<double> epochEnds = [];

    public IReadOnlyList<double> EpochEnds => epochEnds;

    public Task OnEpochEndAsync(EpochEndContext context, CancellationToken cancellationToken)
    {
        epochEnds.Add(Timing.ProcessCpuSeconds());
        return Task.CompletedTask;
    }
}
