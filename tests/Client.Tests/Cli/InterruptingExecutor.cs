using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Records;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary>
/// A trial executor that interrupts the run (cancels <paramref name="interrupt"/>, as Ctrl-C does) once a student has
/// checkpointed epoch <paramref name="epoch"/>; after that it only delegates.
/// </summary>
internal sealed class InterruptingExecutor(ITrialExecutor inner, int epoch, CancellationTokenSource interrupt) : ITrialExecutor
{
    public Task<TrialOutcome> ExecuteAsync(TrialAssignment assignment, ITrialProgressSink progress, CancellationToken cancellationToken) =>
        inner.ExecuteAsync(assignment, assignment.Kind == TrialKind.Student ? new Sink(progress, epoch, interrupt) : progress, cancellationToken);

    private sealed class Sink(ITrialProgressSink inner, int epoch, CancellationTokenSource interrupt) : ITrialProgressSink
    {
        public Task<EpochDecision> ReportEpochAsync(EpochMetrics metrics, CancellationToken cancellationToken) => inner.ReportEpochAsync(metrics, cancellationToken);

        public async Task ReportCheckpointAsync(int checkpointEpoch, string location, CancellationToken cancellationToken)
        {
            await inner.ReportCheckpointAsync(checkpointEpoch, location, cancellationToken);
            if (checkpointEpoch >= epoch)
            {
                await interrupt.CancelAsync();
            }
        }
    }
}
