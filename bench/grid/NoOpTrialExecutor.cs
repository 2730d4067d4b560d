using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Records;

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
                new EpochMetrics(epoch, Loss: 0, LossComponents: new Dictionary<string, double>(), LearningRate: 0, ImagesPerSecond: 0, duration.TotalSeconds / epochs,
                    new EpochValidation(level * epoch / epochs, AccuracyStd: 0, Tar: 0, Far: 0)),
                cancellationToken);
            if (decision == EpochDecision.Stop)
            {
                break;
            }
        }
        return new TrialOutcome { EpochsRun = epoch, ValidationAccuracy = level * epoch / epochs, CompressionRatio = assignment.Parameters?.CompressionRatio ?? 1 };
    }
}
