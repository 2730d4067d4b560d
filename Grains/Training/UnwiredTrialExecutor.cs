using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Training;

/// <summary>The executor of a silo that was given none: every trial fails, saying so.</summary>
public sealed class UnwiredTrialExecutor : ITrialExecutor
{
    public Task<TrialOutcome> ExecuteAsync(TrialAssignment assignment, ITrialProgressSink progress, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("no training engine is wired into this silo (register an ITrialExecutor)");
}
