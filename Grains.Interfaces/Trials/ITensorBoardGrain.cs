namespace FaceKdGrid.Grains.Trials;

/// <summary>
/// A trial's epoch curve for TensorBoard, keyed <c>{sweep}/{trial}</c> as its experiment grain: the silo asked reads
/// the event file from the artifact store, so a client needs no access to the store.
/// </summary>
[Alias("fkd.ITensorBoardGrain")]
public interface ITensorBoardGrain : IGrainWithStringKey
{
    /// <summary>The trial's event file, or null until it has finished an epoch.</summary>
    [Alias("GetEventFile")]
    Task<TensorBoardFile?> GetEventFileAsync(CancellationToken cancellationToken = default);
}
