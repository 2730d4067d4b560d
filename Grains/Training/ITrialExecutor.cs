using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Training;

/// <summary>
/// The seam between the grid and the training engine: runs one attempt of one trial on the calling background
/// thread. The silo's training runtime calls it, never a grain turn.
/// <list type="bullet">
/// <item>Epochs are numbered from 1; with <see cref="TrialAssignment.ResumeFrom"/> training restores that checkpoint
/// and goes on with epoch <see cref="TrialAssignment.ResumeEpoch"/> + 1 (when that checkpoint is corrupt, from an earlier
/// one, or from the start).</item>
/// <item>After each epoch report <see cref="ITrialProgressSink.ReportEpochAsync"/>; when it answers
/// <see cref="EpochDecision.Stop"/>, end training and return the outcome of the model as it is.</item>
/// <item>Report every checkpoint written (an artifact-store key) so a re-run can resume from it.</item>
/// <item>On cancellation of <c>cancellationToken</c> throw <see cref="OperationCanceledException"/>. Any other
/// exception fails the attempt with its message as the reason (e.g. "diverged: loss is NaN at epoch 3").</item>
/// <item>A teacher trial (kind Teacher) trains the sweep's teacher and returns its checkpoint location, its
/// parameter count and accuracy in the outcome.</item>
/// </list>
/// </summary>
public interface ITrialExecutor
{
    Task<TrialOutcome> ExecuteAsync(TrialAssignment assignment, ITrialProgressSink progress, CancellationToken cancellationToken);
}
