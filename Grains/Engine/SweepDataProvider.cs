using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Grains.Data;

namespace FaceKdGrid.Grains.Engine;

/// <summary>
/// The data sets trials train and evaluate on. Each is materialised once across the cluster into shards in the
/// artifact store (the data shard grains record who does it and the shards' manifests); each silo then loads it
/// once into memory and shares it, read-only, among its trials.
/// </summary>
public sealed class SweepDataProvider(IArtifactStore store, CacheClaims claims, IGrainFactory grains)
{
    /// <summary>Data sets kept in memory per silo; older ones are dropped (tensors are freed once no trial holds them).</summary>
    private const int LoadedLimit = 8;

    private readonly Lock gate = new();
    private readonly LinkedList<(string Id, Task<object> Load)> loaded = new();

    /// <summary>The faces of a data set as shards; <paramref name="render"/> makes it when it is not stored yet (null: it must be ingested already).</summary>
    public async Task<IReadOnlyList<FaceSet>> FacesAsync(string datasetId, Func<FaceSet>? render, int shardSize, CancellationToken cancellationToken) =>
        (IReadOnlyList<FaceSet>)await LoadOnceAsync(datasetId, async () =>
        {
            var index = await EnsureStoredAsync(datasetId, render is null ? null : () =>
            {
                using var faces = render();
                return DatasetArtifacts.WriteFacesAsync(store, datasetId, faces, shardSize, cancellationToken);
            }, cancellationToken);
            return await DatasetArtifacts.ReadFacesAsync(store, index, cancellationToken);
        });

    /// <summary>Verification pairs; <paramref name="render"/> makes them when they are not stored yet (null: they must be ingested already).</summary>
    public async Task<VerificationSet> PairsAsync(string datasetId, Func<VerificationSet>? render, CancellationToken cancellationToken) =>
        (VerificationSet)await LoadOnceAsync(datasetId, async () =>
        {
            var index = await EnsureStoredAsync(datasetId, render is null ? null : () =>
            {
                using var pairs = render();
                return DatasetArtifacts.WritePairsAsync(store, datasetId, pairs, cancellationToken);
            }, cancellationToken);
            return await DatasetArtifacts.ReadPairsAsync(store, index, cancellationToken);
        });

    /// <summary>The stored index of a data set, or null when nothing of that name is stored.</summary>
    public Task<StoredDatasetIndex?> FindAsync(string datasetId, CancellationToken cancellationToken) =>
        DatasetArtifacts.TryReadIndexAsync(store, datasetId, cancellationToken);

    private async Task<StoredDatasetIndex> EnsureStoredAsync(string datasetId, Func<Task<StoredDatasetIndex>>? write, CancellationToken cancellationToken)
    {
        if (write is null)
        {
            var ingested = await FindAsync(datasetId, cancellationToken)
                ?? throw new ArgumentException($"data set '{datasetId}' is not in the artifact store ({store.Describe(DatasetArtifacts.IndexKey(datasetId))}); ingest it first with 'facekd data ingest'");
            await RegisterManifestsAsync(ingested);
            return ingested;
        }
        var indexKey = DatasetArtifacts.IndexKey(datasetId);
        await claims.GetOrComputeAsync(DataShardKeys.Of(datasetId, 0), CacheKey.Materialisation(),
            existing: async () => await store.GetInfoAsync(indexKey, cancellationToken) is null ? null : indexKey,
            compute: async () =>
            {
                var index = await write();
                await RegisterManifestsAsync(index);
                return indexKey;
            },
            cancellationToken);
        return await FindAsync(datasetId, cancellationToken)
            ?? throw new InvalidDataException($"data set '{datasetId}' was reported materialised but its index is missing ({store.Describe(indexKey)})");
    }

    private async Task RegisterManifestsAsync(StoredDatasetIndex index)
    {
        for (var shard = 0; shard < index.Shards.Count; shard++)
        {
            var stored = index.Shards[shard];
            await grains.GetGrain<IDataShardGrain>(DataShardKeys.Of(index.DatasetId, shard)).RegisterManifestAsync(new RegisteredShard
            {
                Dataset = index.DatasetId,
                Shard = shard,
                Location = stored.Key,
                Manifest = stored.Manifest,
            });
        }
    }

    private Task<object> LoadOnceAsync(string datasetId, Func<Task<object>> load)
    {
        lock (gate)
        {
            for (var node = loaded.First; node is not null; node = node.Next)
            {
                if (node.Value.Id == datasetId && !node.Value.Load.IsFaulted && !node.Value.Load.IsCanceled)
                {
                    loaded.Remove(node);
                    loaded.AddFirst(node);
                    return node.Value.Load;
                }
            }
            var task = load();
            loaded.AddFirst((datasetId, task));
            while (loaded.Count > LoadedLimit)
            {
                loaded.RemoveLast();
            }
            return task;
        }
    }
}
