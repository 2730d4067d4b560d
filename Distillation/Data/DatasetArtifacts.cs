using System.Text.Json;
using FaceKdGrid.Distillation.Storage;
using TorchSharp;

namespace FaceKdGrid.Distillation.Data;

/// <summary>Data sets materialised in the artifact store as <see cref="FaceShard"/> files plus an index, under "datasets/{id}/".</summary>
public static class DatasetArtifacts
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string IndexKey(string datasetId) => ArtifactKey.Combine(DatasetFolder(datasetId), "index.json");

    /// <summary>The folder of keys that belong to data set <paramref name="datasetId"/>: "datasets/{id}".</summary>
    public static string DatasetFolder(string datasetId) => ArtifactKey.Combine("datasets", datasetId);

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

    /// <summary>
    /// Streams <paramref name="source"/> into the store as shards of at most <paramref name="shardSize"/> images: one
    /// shard of decoded faces in memory and one shard file spooled on disk (for a retryable upload) at a time, however
    /// large the source. The shards go under a fresh ingest folder and the index is written last, so the data set
    /// appears complete or not at all: when anything fails the shards written so far are deleted, and a data set
    /// already stored under the name stays as it was. Once the new index is in place, the shards of the set it
    /// replaced are deleted. <paramref name="shardStored"/> hears of each shard once it is stored, for progress.
    /// </summary>
    public static async Task<(StoredDatasetIndex Index, IngestReport Report)> IngestFacesAsync(IArtifactStore store, string datasetId, IFaceSource source,
        int shardSize, Action<StoredShard>? shardStored = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var folder = ArtifactKey.Combine(DatasetFolder(datasetId), $"ingest-{Guid.NewGuid():N}");
        var report = new IngestReport(source.Location);
        var shards = new List<StoredShard>();
        try
        {
            foreach (var faces in DatasetIngest.ReadShards(source, shardSize, report))
            {
                using (faces)
                {
                    var key = ArtifactKey.Combine(folder, DatasetIngest.ShardFileName(shards.Count));
                    await using var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"facekd-shard-{Guid.NewGuid():N}.tmp"),
                        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
                    var manifest = FaceShard.Write(spool, faces);
                    spool.Position = 0;
                    // Recorded before the write, so a write that fails half-way is cleaned up too.
                    shards.Add(new StoredShard(key, manifest));
                    await store.WriteAsync(key, spool, cancellationToken);
                    shardStored?.Invoke(shards[^1]);
                }
            }
            var index = await PublishAsync(store, new StoredDatasetIndex(datasetId, StoredDatasetIndex.FacesKind, 0, shards), cancellationToken);
            return (index, report);
        }
        catch
        {
            await DeleteQuietlyAsync(store, shards.Select(s => s.Key));
            throw;
        }
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

    /// <summary>
    /// Copies a stored data set from one store to another (a local folder and a cluster's blob container), each
    /// shard checked against its SHA-256 (<see cref="ArtifactCopy"/>), the index last. Shards keep their keys, which
    /// are unique per ingest, so a set copied again over itself overwrites identical content. When anything fails,
    /// the shards copied so far that the destination's own index does not hold are deleted again.
    /// </summary>
    public static async Task<StoredDatasetIndex> CopyAsync(IArtifactStore from, IArtifactStore to, string datasetId, CancellationToken cancellationToken = default)
    {
        var index = await TryReadIndexAsync(from, datasetId, cancellationToken)
            ?? throw new ArtifactNotFoundException(IndexKey(datasetId), from.Describe(IndexKey(datasetId)));
        var kept = (await TryReadIndexAsync(to, datasetId, cancellationToken))?.Shards.Select(s => s.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var copied = new List<string>();
        try
        {
            foreach (var shard in index.Shards)
            {
                copied.Add(shard.Key);
                await ArtifactCopy.BetweenStoresAsync(from, to, shard.Key, cancellationToken);
            }
            return await PublishAsync(to, index, cancellationToken);
        }
        catch
        {
            await DeleteQuietlyAsync(to, copied.Where(key => !kept.Contains(key)));
            throw;
        }
    }

    /// <summary>
    /// Writes <paramref name="index"/> (its shards already stored), making the data set visible, then deletes what else
    /// lies under the data set's folder: the shards of a set it replaced, or of an ingest that died before its index.
    /// Once the index is written this never fails: the set is published, and what could not be deleted is invisible.
    /// </summary>
    public static async Task<StoredDatasetIndex> PublishAsync(IArtifactStore store, StoredDatasetIndex index, CancellationToken cancellationToken = default)
    {
        await WriteIndexAsync(store, index, cancellationToken);
        var kept = index.Shards.Select(s => s.Key).Append(IndexKey(index.DatasetId)).ToHashSet(StringComparer.Ordinal);
        List<string> superseded;
        try
        {
            superseded = await store.ListAsync(DatasetFolder(index.DatasetId) + "/", CancellationToken.None).Where(key => !kept.Contains(key)).ToListAsync();
        }
        catch (IOException)
        {
            // Left for the next publish under this name.
            return index;
        }
        await DeleteQuietlyAsync(store, superseded);
        return index;
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

    /// <summary>Best effort: cleaning up after a failure must not hide the failure, and the store may be what failed.</summary>
    private static async Task DeleteQuietlyAsync(IArtifactStore store, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            try
            {
                await store.DeleteAsync(key, CancellationToken.None);
            }
            catch (IOException)
            {
                // The store itself is failing: stop asking. What is left has no index, so it is invisible, and the
                // next publish under this name deletes it.
                return;
            }
        }
    }

    private static void RequireKind(StoredDatasetIndex index, string kind)
    {
        if (index.Kind != kind)
        {
            throw new InvalidDataException($"data set '{index.DatasetId}' holds {index.Kind}, not {kind}");
        }
    }
}
