using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Training;
using FaceKdGrid.Grains.Trials;
using Microsoft.Extensions.Logging;

namespace FaceKdGrid.Grains.Engine;

/// <summary>
/// The checkpoint an attempt resumes from: the one its experiment grain recorded or, when that one is corrupt or
/// gone, the newest earlier one <see cref="GridEpochCallback"/> keeps; with none readable, the trial starts afresh.
/// Earlier checkpoints are found by their names, so no grain has to remember them.
/// </summary>
public static partial class TrialResume
{
    public static async Task<TrainingCheckpoint?> LoadAsync(IArtifactStore store, TrialAssignment assignment, ILogger logger, CancellationToken cancellationToken)
    {
        if (assignment.ResumeFrom is not { } recorded)
        {
            return null;
        }
        var earlier = Enumerable.Range(1, GridEpochCallback.KeptCheckpoints - 1)
            .Select(back => assignment.ResumeEpoch - back)
            .Where(epoch => epoch >= 1)
            .Select(epoch => TrialArtifacts.EpochCheckpoint(assignment.SweepId, assignment.TrialId, epoch));
        foreach (var key in earlier.Prepend(recorded))
        {
            try
            {
                return await TrainingCheckpoint.ReadAsync(store, key, cancellationToken);
            }
            catch (Exception e) when (e is ArtifactCorruptException or ArtifactNotFoundException)
            {
                LogUnusable(logger, assignment.TrialKey, e.Message);
            }
        }
        LogStartingAfresh(logger, assignment.TrialKey, assignment.ResumeEpoch);
        return null;
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "{TrialKey} cannot resume from this checkpoint: {Reason}")]
    private static partial void LogUnusable(ILogger logger, string trialKey, string reason);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "{TrialKey} starts afresh: no checkpoint kept up to epoch {ResumeEpoch} is readable")]
    private static partial void LogStartingAfresh(ILogger logger, string trialKey, int resumeEpoch);
}
