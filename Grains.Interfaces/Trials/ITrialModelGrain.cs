namespace FaceKdGrid.Grains.Trials;

/// <summary>
/// A trial's trained model, keyed <c>{sweep}/{trial}</c> like its experiment grain: streams the final checkpoint out
/// of the cluster's artifact store, so a client exports models without credentials for that store.
/// </summary>
[Alias("fkd.ITrialModelGrain")]
public interface ITrialModelGrain : IGrainWithStringKey
{
    /// <summary>
    /// The trial's final checkpoint, in chunks, checked against its recorded SHA-256 as it is read (a damaged one
    /// ends the stream with an error). Ask only for a trial that ended with results; its checkpoint exists then.
    /// </summary>
    [Alias("ReadFinalCheckpoint")]
    IAsyncEnumerable<byte[]> ReadFinalCheckpointAsync(CancellationToken cancellationToken = default);
}
