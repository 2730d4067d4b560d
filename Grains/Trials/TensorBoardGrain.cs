using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Training;
using FaceKdGrid.Grains.Engine;
using Orleans.Concurrency;

namespace FaceKdGrid.Grains.Trials;

/// <summary>
/// Reads a trial's event file on the silo that is asked (a stateless worker needs no placement or state): every silo
/// reaches the same artifact store.
/// </summary>
[StatelessWorker]
public sealed class TensorBoardGrain(IArtifactStore store) : Grain, ITensorBoardGrain
{
    public async Task<TensorBoardFile?> GetEventFileAsync(CancellationToken cancellationToken = default)
    {
        var (sweepId, trialId) = TrialKeys.Parse(this.GetPrimaryKeyString());
        var content = await ClientVisibleStoreErrors.ReadAsync(() => TensorBoardLog.ReadAsync(store, TrialArtifacts.EventFile(sweepId, trialId), cancellationToken));
        return content is null ? null : new TensorBoardFile { Name = TensorBoardLog.FileName, Content = content };
    }
}
