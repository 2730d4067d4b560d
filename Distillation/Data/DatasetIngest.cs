namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// Turns a face source into <see cref="FaceShard"/>s of at most M images each, in source order. A source is read
/// one face at a time, so memory holds about one shard (M decoded faces, twice) whatever the source's size.
/// </summary>
public static class DatasetIngest
{
    public const string ShardExtension = ".fks";

    /// <summary>File name of shard <paramref name="index"/>: <c>shard-00000.fks</c>.</summary>
    public static string ShardFileName(int index) => $"shard-{index:D5}{ShardExtension}";

    /// <summary>
    /// Streams <paramref name="source"/> into shards; <paramref name="openShard"/> gives the stream for shard i, which
    /// is disposed once the shard is written. Fails when no image of the source decodes.
    /// </summary>
    public static IngestResult WriteShards(IFaceSource source, int maxImagesPerShard, Func<int, Stream> openShard)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxImagesPerShard, 1);
        ArgumentNullException.ThrowIfNull(openShard);
        var report = new IngestReport(source.Location);
        var shards = new List<ShardManifest>();
        var pending = new List<FaceSample>(maxImagesPerShard);
        foreach (var sample in source.ReadFaces(report))
        {
            pending.Add(sample);
            if (pending.Count == maxImagesPerShard)
            {
                Flush();
            }
        }
        if (pending.Count > 0)
        {
            Flush();
        }
        if (shards.Count == 0)
        {
            throw FaceSources.NothingDecoded(report);
        }
        return new IngestResult(shards, report);

        void Flush()
        {
            using var faces = FaceSources.ToFaceSet(pending, source.ImageSize, source.HasLabels);
            shards.Add(WriteShard(faces, shards.Count, openShard));
            pending.Clear();
        }
    }

    /// <summary>Cuts a face set already in memory (e.g. a rendered SynthFace pool) into shards.</summary>
    public static IReadOnlyList<ShardManifest> WriteShards(FaceSet faces, int maxImagesPerShard, Func<int, Stream> openShard)
    {
        ArgumentNullException.ThrowIfNull(faces);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxImagesPerShard, 1);
        ArgumentNullException.ThrowIfNull(openShard);
        var shards = new List<ShardManifest>();
        for (var start = 0; start < faces.Count; start += maxImagesPerShard)
        {
            var length = Math.Min(maxImagesPerShard, faces.Count - start);
            using var slice = new FaceSet(faces.Images.narrow(0, start, length), faces.Labels?.narrow(0, start, length));
            shards.Add(WriteShard(slice, shards.Count, openShard));
        }
        return shards;
    }

    /// <summary>Streams <paramref name="source"/> into <see cref="ShardFileName"/> files in <paramref name="folder"/> (created if missing).</summary>
    public static IngestResult WriteShardsToFolder(IFaceSource source, string folder, int maxImagesPerShard)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        return WriteShards(source, maxImagesPerShard, index => File.Create(Path.Combine(folder, ShardFileName(index))));
    }

    private static ShardManifest WriteShard(FaceSet faces, int index, Func<int, Stream> openShard)
    {
        using var stream = openShard(index) ?? throw new InvalidOperationException($"openShard returned no stream for shard {index}");
        return FaceShard.Write(stream, faces);
    }
}
