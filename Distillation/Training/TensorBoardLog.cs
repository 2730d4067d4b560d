using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Records;
using TorchSharp;

namespace FaceKdGrid.Distillation.Training;

/// <summary>
/// A run's epoch curve as a TensorBoard event file in the artifact store: after each epoch TorchSharp's SummaryWriter
/// writes the whole history (a step per epoch, the tags of <see cref="TensorBoardScalars"/>) into a temporary folder,
/// and the file replaces the stored one. Rewritten rather than appended, the stored file always equals the curve of the
/// checkpoint the run continues from: a resumed attempt, even one that fell back to an older checkpoint, replaces the
/// epochs a killed attempt had logged after that checkpoint instead of logging them twice, and a killed attempt keeps
/// what it had uploaded. A dozen scalars an epoch make rewriting cheap.
/// </summary>
/// <remarks>
/// TorchSharp 0.107's writer keeps whole seconds, and stamps the file's opening record (its version) in .NET ticks
/// rather than seconds since 1970, which TensorBoard takes for the run's start time; each scalar carries its epoch's own
/// end time, which the plots' time axes read.
/// </remarks>
public sealed class TensorBoardLog(IArtifactStore store, string key) : ITrainingCallback
{
    /// <summary>One event file per run, under a fixed name: TensorBoard reads any file whose name holds "tfevents".</summary>
    public const string FileName = "events.out.tfevents.facekd";

    public Task OnEpochEndAsync(EpochEndContext context, CancellationToken cancellationToken) =>
        WriteAsync(store, key, context.History, cancellationToken);

    /// <summary>Stores <paramref name="history"/> as the event file under <paramref name="key"/>, replacing what was there.</summary>
    public static async Task WriteAsync(IArtifactStore store, string key, IReadOnlyList<EpochMetrics> history, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("facekd-tensorboard-");
        try
        {
            var writer = torch.utils.tensorboard.SummaryWriter(folder.FullName);
            foreach (var epoch in history)
            {
                foreach (var (tag, value) in TensorBoardScalars.Of(epoch))
                {
                    writer.add_scalar(tag, (float)value, epoch.Epoch, epoch.EndedAt?.ToUnixTimeSeconds());
                }
            }
            // The writer names its one file after the clock, host and process.
            await using var file = File.OpenRead(folder.EnumerateFiles().Single().FullName);
            await store.WriteAsync(key, file, cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The stored event file's bytes (checked against the store's checksum), or null when there is none yet.</summary>
    public static async Task<byte[]?> ReadAsync(IArtifactStore store, string key, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await store.OpenReadAsync(key, cancellationToken);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
        catch (ArtifactNotFoundException)
        {
            return null;
        }
    }
}
