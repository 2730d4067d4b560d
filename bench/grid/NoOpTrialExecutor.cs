using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Bench.Grid;

/// <summary>
/// A trial that does nothing but wait: <paramref name="epochs"/> epochs sharing <paramref name="duration"/>, each
/// reported. What is left of a sweep's wall time beyond the ideal is the grid's own bookkeeping (dispatch, reports,
/// state writes). Its metric is synthetic: a fixed per-trial level, so a scheduler such as ASHA has something to rank.
/// </summary>
internal sealed class NoOpTrialExecutor(TimeSpan duration, int epochs) : ITrialExecutor
{
    public async Task<TrialOutcome> ExecuteAsync(TrialAssignment assignment, ITrialProgressSink progress, CancellationToken cancellationToken)
    {
        var level = new Random(assignment.TrialId.GetHashCode(StringComparison.Ordinal)).NextDouble();
        var epoch = assignment.ResumeEpoch;
        while (epoch < epochs)
        {
            await Task.Delay(duration / epochs, cancellationToken);
            epoch++;
            var decision = await progress.ReportEpochAsync(
                new EpochMetrics { Epoch = epoch, ValidationAccuracy = level * epoch / epochs, Seconds = duration.TotalSeconds / epochs },
                cancellationToken);
            if (decision == EpochDecision.Stop)
            {
                break;
            }
        }
        return new TrialOutcome { EpochsRun = epoch, ValidationAccuracy = level * epoch / epochs, CompressionRatio = assignment.Parameters?.CompressionRatio ?? 1 };
    }
}
