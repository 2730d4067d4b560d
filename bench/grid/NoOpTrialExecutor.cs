using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Bench.Grid;

/// <summary>
/// A trial that does nothing for a fixed time and reports one epoch: what is left of a sweep's wall time beyond
/// the ideal is the grid's own bookkeeping (dispatch, reports, state writes). Its metrics are zero by design.
/// </summary>
internal sealed class NoOpTrialExecutor(TimeSpan duration) : ITrialExecutor
{
    public async Task<TrialOutcome> ExecuteAsync(TrialAssignment assignment, ITrialProgressSink progress, CancellationToken cancellationToken)
    {
        await Task.Delay(duration, cancellationToken);
        await progress.ReportEpochAsync(new EpochMetrics { Epoch = 1, Seconds = duration.TotalSeconds }, cancellationToken);
        return new TrialOutcome { EpochsRun = 1, CompressionRatio = assignment.Parameters?.CompressionRatio ?? 1 };
    }
}
