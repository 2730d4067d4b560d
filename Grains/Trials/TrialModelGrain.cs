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
        await using var stream = await ClientVisibleStoreErrors.ReadAsync(() => store.OpenReadAsync(TrialArtifacts.FinalCheckpoint(sweepId, trialId), cancellationToken));
        var buffer = new byte[ChunkSize];
        int read;
        while ((read = await ClientVisibleStoreErrors.ReadAsync(() => stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).AsTask())) > 0)
        {
            yield return buffer[..read];
        }
    }
}
