using Orleans.Concurrency;

namespace FaceKdGrid.Grains.Data;

/// <summary>
/// One shard of a data set, keyed <c>{dataset}/{shard}</c>: its manifest, and the registry of what was computed from
/// it (teacher outputs per teacher, augmentation key and epoch; for shard 0 also the data set's k-means prototypes
/// per teacher). Claim / complete / wait makes one caller compute an entry while the others wait and reuse it.
/// Persisted; the cached data itself lives in the artifact store.
/// </summary>
[Alias("fkd.IDataShardGrain")]
public interface IDataShardGrain : IGrainWithStringKey
{
    /// <summary>Records the shard and its manifest; true if recorded or already identical, false if a different one is recorded.</summary>
    [Alias("RegisterManifest")]
    Task<bool> RegisterManifestAsync(RegisteredShard shard);

    [Alias("GetManifest")]
    Task<RegisteredShard?> GetManifestAsync();

    /// <summary>
    /// Ready with the location when computed; Granted when the caller should compute it (nobody holds it, or the
    /// holder's lease ran out); Busy when someone else computes it.
    /// </summary>
    [Alias("Claim")]
    Task<CacheClaim> ClaimAsync(CacheKey key, string claimant, TimeSpan lease);

    /// <summary>Records the computed entry; false when another caller completed it first (use theirs).</summary>
    [Alias("Complete")]
    Task<bool> CompleteAsync(CacheKey key, string claimant, string location);

    /// <summary>Gives a claim up (the computation failed) so a waiter can take it.</summary>
    [Alias("Abandon")]
    Task AbandonAsync(CacheKey key, string claimant);

    /// <summary>Waits up to <paramref name="timeout"/> (at most a minute) for the entry to be completed or given up.</summary>
    [AlwaysInterleave, ResponseTimeout("00:01:30")]
    [Alias("Wait")]
    Task<CacheClaim> WaitAsync(CacheKey key, TimeSpan timeout);
}
