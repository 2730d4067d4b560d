using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Grains.Data;
using static TorchSharp.torch;

namespace FaceKdGrid.Grains.Engine;

/// <summary>
/// Teacher outputs and prototypes computed once across the whole cluster: the data shard grain of the entry's
/// shard decides who computes (claim / complete / wait), the artifact store holds the tensor. Called from
/// training threads, hence synchronous.
/// </summary>
public sealed class ClusterTeacherOutputCache(CacheClaims claims, IArtifactStore store, CancellationToken cancellationToken) : ITeacherOutputCache
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
            ?? ArtifactTensors.TryReadAsync(store, artifactKey, cancellationToken).GetAwaiter().GetResult()
            ?? throw new InvalidDataException($"teacher cache entry '{artifactKey}' was reported ready but is not in the artifact store ({store.Describe(artifactKey)})");
    }
}
