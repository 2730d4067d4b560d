using System.Runtime.CompilerServices;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Grains.Engine;
using Orleans.Concurrency;

namespace FaceKdGrid.Grains.Trials;

/// <summary>Streams a trial's final checkpoint from the silo's artifact store; stateless, so any silo serves it.</summary>
[StatelessWorker]
public sealed class TrialModelGrain(IArtifactStore store) : Grain, ITrialModelGrain
{
    /// <summary>Small enough for one grid message, large enough that a student takes a handful.</summary>
    private const int ChunkSize = 1 << 20;

    public async IAsyncEnumerable<byte[]> ReadFinalCheckpointAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (sweepId, trialId) = TrialKeys.Parse(this.GetPrimaryKeyString());
        await using var stream = await ClientVisible(() => store.OpenReadAsync(TrialArtifacts.FinalCheckpoint(sweepId, trialId), cancellationToken));
        var buffer = new byte[ChunkSize];
        int read;
        while ((read = await ClientVisible(() => stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).AsTask())) > 0)
        {
            yield return buffer[..read];
        }
    }

    /// <summary>
    /// The store's own exceptions have no grid codec, so a client would see only "no codec"; an InvalidDataException
    /// carries their message (which names the artifact) across.
    /// </summary>
    private static async Task<T> ClientVisible<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception error) when (error is ArtifactCorruptException or ArtifactNotFoundException)
        {
            throw new InvalidDataException(error.Message);
        }
    }
}
