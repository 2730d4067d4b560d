using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Grains.Data;
using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace FaceKdGrid.Grains.Engine;

/// <summary>
/// Teacher outputs and prototypes computed once across the whole cluster: the data shard grain of the entry's
/// shard decides who computes (claim / complete / wait), the artifact store holds the tensor. Called from
/// training threads, hence synchronous. An entry gone from the store or failing its checksum is computed again here
/// and stored over it, without a new claim: every trial that finds it so computes the same tensor.
/// </summary>
public sealed class ClusterTeacherOutputCache(CacheClaims claims, IArtifactStore store, ILogger logger, CancellationToken cancellationToken) : ITeacherOutputCache
{
    public Tensor GetOrCompute(TeacherCacheKey key, Func<Tensor> compute)
    {
        var artifactKey = key.ArtifactKey;
        var cacheKey = key.IsPrototypes ? CacheKey.Prototypes(key.TeacherId, key.Variant) : CacheKey.TeacherOutputs(key.TeacherId, key.Variant, key.Epoch);
        Tensor? computed = null;
        claims.GetOrComputeAsync(DataShardKeys.Of(key.DatasetId, key.Shard), cacheKey,
            existing: async () => await store.GetInfoAsync(artifactKey, cancellationToken) is null ? null : artifactKey,
            compute: () =>
            {
                computed = ArtifactTeacherOutputCache.StoreComputed(store, artifactKey, compute);
                return Task.FromResult(artifactKey);
            },
            cancellationToken).GetAwaiter().GetResult();
        return computed
            ?? ArtifactTeacherOutputCache.TryReadIntact(store, artifactKey, logger, cancellationToken)
            ?? ArtifactTeacherOutputCache.StoreComputed(store, artifactKey, compute);
    }
}
