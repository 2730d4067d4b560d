using System.Globalization;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Training;

namespace FaceKdGrid.Grains.Engine;

/// <summary>
/// Where a trial's artifacts live in the artifact store: "sweeps/{sweep}/{trial}/epoch-NNNN.ckpt" and "final.ckpt", and
/// beside them its TensorBoard event file.
/// </summary>
public static class TrialArtifacts
{
    public static string EpochCheckpoint(string sweepId, string trialId, int epoch) =>
        ArtifactKey.Combine("sweeps", sweepId, trialId, string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch:D4}.ckpt"));

    /// <summary>The trained model at the end of the trial (the export users download).</summary>
    public static string FinalCheckpoint(string sweepId, string trialId) => ArtifactKey.Combine("sweeps", sweepId, trialId, "final.ckpt");

    /// <summary>The trial's epoch curve for TensorBoard (<see cref="TensorBoardLog"/>).</summary>
    public static string EventFile(string sweepId, string trialId) => ArtifactKey.Combine("sweeps", sweepId, trialId, TensorBoardLog.FileName);

    public static async Task WriteCheckpointAsync(IArtifactStore store, string key, TrainingCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        checkpoint.WriteTo(buffer);
        buffer.Position = 0;
        await store.WriteAsync(key, buffer, cancellationToken);
    }

    public static async Task<TrainingCheckpoint> ReadCheckpointAsync(IArtifactStore store, string key, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(key, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        return TrainingCheckpoint.ReadFrom(buffer);
    }
}
