using System.Text.Json;
using FaceKdGrid.Distillation.Storage;
using TorchSharp;

namespace FaceKdGrid.Distillation.Data;

/// <summary>Data sets materialised in the artifact store as <see cref="FaceShard"/> files plus an index, under "datasets/{id}/".</summary>
public static class DatasetArtifacts
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string IndexKey(string datasetId) => ArtifactKey.Combine("datasets", datasetId, "index.json");

    public static async Task<StoredDatasetIndex> WriteFacesAsync(IArtifactStore store, string datasetId, FaceSet faces, int shardSize,
        CancellationToken cancellationToken = default)
    {
        var buffers = new List<MemoryStream>();
        var manifests = DatasetIngest.WriteShards(faces, shardSize, _ =>
        {
            var buffer = new MemoryStream();
            buffers.Add(buffer);
            return buffer;
        });
        var shards = new List<StoredShard>();
        for (var i = 0; i < manifests.Count; i++)
        {
            var key = ArtifactKey.Combine("datasets", datasetId, DatasetIngest.ShardFileName(i));
            // The ingest closes each shard stream it wrote; ToArray still reads a closed MemoryStream.
            await store.WriteAsync(key, new MemoryStream(buffers[i].ToArray()), cancellationToken);
            shards.Add(new StoredShard(key, manifests[i]));
        }
        return await WriteIndexAsync(store, new StoredDatasetIndex(datasetId, StoredDatasetIndex.FacesKind, 0, shards), cancellationToken);
    }

    public static async Task<StoredDatasetIndex> WritePairsAsync(IArtifactStore store, string datasetId, VerificationSet pairs,
        CancellationToken cancellationToken = default)
    {
        using var isSame = torch.tensor(pairs.IsSame.Select(same => same ? 1L : 0L).ToArray()).repeat_interleave(2);
        var asFaces = new FaceSet(pairs.Images, isSame);
        var key = ArtifactKey.Combine("datasets", datasetId, DatasetIngest.ShardFileName(0));
        using var buffer = new MemoryStream();
        var manifest = FaceShard.Write(buffer, asFaces);
        buffer.Position = 0;
        await store.WriteAsync(key, buffer, cancellationToken);
        return await WriteIndexAsync(store, new StoredDatasetIndex(datasetId, StoredDatasetIndex.PairsKind, pairs.FoldCount, [new StoredShard(key, manifest)]), cancellationToken);
    }

    /// <summary>The index of a complete stored data set, or null when it is not (completely) stored.</summary>
    public static async Task<StoredDatasetIndex?> TryReadIndexAsync(IArtifactStore store, string datasetId, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var stream = await store.OpenReadAsync(IndexKey(datasetId), cancellationToken);
            return await JsonSerializer.DeserializeAsync<StoredDatasetIndex>(stream, Json, cancellationToken)
                ?? throw new InvalidDataException($"data set index {store.Describe(IndexKey(datasetId))} is empty");
        }
        catch (ArtifactNotFoundException)
        {
            return null;
        }
    }

    public static async Task<IReadOnlyList<FaceSet>> ReadFacesAsync(IArtifactStore store, StoredDatasetIndex index, CancellationToken cancellationToken = default)
    {
        RequireKind(index, StoredDatasetIndex.FacesKind);
        var sets = new List<FaceSet>();
        foreach (var shard in index.Shards)
        {
            sets.Add((await ReadShardAsync(store, shard, cancellationToken)).Faces);
        }
        return sets;
    }

    public static async Task<VerificationSet> ReadPairsAsync(IArtifactStore store, StoredDatasetIndex index, CancellationToken cancellationToken = default)
    {
        RequireKind(index, StoredDatasetIndex.PairsKind);
        var content = await ReadShardAsync(store, index.Shards.Single(), cancellationToken);
        using var labels = content.Faces.Labels ?? throw new InvalidDataException($"pairs shard {index.Shards[0].Key} has no match labels");
        var isSame = labels.data<long>().Where((_, i) => i % 2 == 0).Select(value => value == 1).ToArray();
        return new VerificationSet(content.Faces.Images, isSame, index.FoldCount);
    }

    /// <summary>
    /// A shard's format stops at its own hash trailer, before the stream's end where the store checks its checksum, so
    /// the rest is always read: damage then fails as <see cref="ArtifactCorruptException"/>, naming the shard, even
    /// when the format's own checks saw it first.
    /// </summary>
    private static async Task<FaceShardContent> ReadShardAsync(IArtifactStore store, StoredShard shard, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(shard.Key, cancellationToken);
        FaceShardContent content;
        try
        {
            content = FaceShard.Read(stream);
        }
        catch (InvalidDataException e)
        {
            await stream.CopyToAsync(Stream.Null, cancellationToken);
            throw new InvalidDataException($"shard {store.Describe(shard.Key)} is unreadable: {e.Message}", e);
        }
        try
        {
            await stream.CopyToAsync(Stream.Null, cancellationToken);
        }
        catch
        {
            content.Dispose();
            throw;
        }
        if (content.ContentHash != shard.Manifest.ContentHash)
        {
            content.Dispose();
            throw new InvalidDataException($"shard {store.Describe(shard.Key)} has hash {content.ContentHash}, but its data set index records {shard.Manifest.ContentHash}");
        }
        return content;
    }

    private static async Task<StoredDatasetIndex> WriteIndexAsync(IArtifactStore store, StoredDatasetIndex index, CancellationToken cancellationToken)
    {
        await store.WriteAsync(IndexKey(index.DatasetId), new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(index, Json)), cancellationToken);
        return index;
    }

    private static void RequireKind(StoredDatasetIndex index, string kind)
    {
        if (index.Kind != kind)
        {
            throw new InvalidDataException($"data set '{index.DatasetId}' holds {index.Kind}, not {kind}");
        }
    }
}
