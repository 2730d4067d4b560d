using FaceKdGrid.Client.Cli;
using FaceKdGrid.ClientLibrary;
using FaceKdGrid.ClientLibrary.Output;
using FaceKdGrid.Distillation.Training;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Client.Models;

/// <summary>The final checkpoint of a trial that ended with results, read out of the grid for export, embed or evaluate.</summary>
internal static class FinishedTrialCheckpoint
{
    /// <summary>
    /// The checkpoint of <c>{sweepId}/{trialId}</c>; bad input when the trial does not exist or has no results yet. A
    /// damaged checkpoint throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static async Task<TrainingCheckpoint> ReadAsync(GridClient grid, string sweepId, string trialId, CancellationToken cancellationToken)
    {
        var key = TrialKeys.Of(sweepId, trialId);
        var trial = await grid.GetTrialAsync(sweepId, trialId);
        if (!trial.Exists)
        {
            throw new BadInputException($"no trial '{key}'; 'facekd sweep status {sweepId}' lists a sweep's trials");
        }
        if (trial.Outcome is null)
        {
            throw new BadInputException($"trial '{key}' is {ResultRow.StatusName(trial.Status)} and has no final checkpoint: only a trial that ended with results (completed, or stopped early) has one");
        }
        using var checkpoint = new MemoryStream();
        await grid.CopyFinalCheckpointAsync(sweepId, trialId, checkpoint, cancellationToken);
        checkpoint.Position = 0;
        return TrainingCheckpoint.ReadFrom(checkpoint);
    }
}
