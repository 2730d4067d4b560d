using FaceKdGrid.Records;
using TorchSharp;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// Turns a face source into <see cref="FaceShard"/>s of at most M images each, in source order. A source is read
/// one face at a time into one shard-sized tensor, so memory holds one shard of decoded faces whatever the source's
/// size, and the source is read no further than the shard being filled.
/// </summary>
public static class DatasetIngest
{
    public const string ShardExtension = ".fks";

    /// <summary>Images per shard unless told otherwise: 154 MB of decoded 112 px faces, about 24 MB at 32 px.</summary>
    public const int DefaultImagesPerShard = 4096;

    /// <summary>File name of shard <paramref name="index"/>: <c>shard-00000.fks</c>.</summary>
    public static string ShardFileName(int index) => $"shard-{index:D5}{ShardExtension}";

    /// <summary>
    /// The faces of <paramref name="source"/> as consecutive sets of at most <paramref name="maxImagesPerShard"/>,
    /// read lazily: the next set is decoded only when the enumeration asks for it. The caller disposes each set
    /// before asking for the next. Fails when no image of the source decodes.
    /// </summary>
    public static IEnumerable<FaceSet> ReadShards(IFaceSource source, int maxImagesPerShard, IngestReport report)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxImagesPerShard, 1);
        ArgumentNullException.ThrowIfNull(report);
        return Read();

        IEnumerable<FaceSet> Read()
        {
            var size = source.ImageSize;
            var shards = 0;
            torch.Tensor? images = null;
            var labels = new List<long>(source.HasLabels ? maxImagesPerShard : 0);
            var filled = 0;
            try
            {
                foreach (var sample in source.ReadFaces(report))
                {
                    images ??= torch.empty([maxImagesPerShard, 3, size, size], dtype: torch.ScalarType.Byte);
                    using (var row = images[filled])
                    {
                        row.bytes = sample.Pixels;
                    }
                    if (source.HasLabels)
                    {
                        labels.Add(sample.Label ?? throw new InvalidOperationException("a labeled source produced a sample without a label"));
                    }
                    if (++filled == maxImagesPerShard)
                    {
                        shards++;
                        yield return Take(images, filled);
                        filled = 0;
                    }
                }
                if (filled > 0)
                {
                    shards++;
                    yield return Take(images!, filled);
                }
            }
            finally
            {
                images?.Dispose();
            }
            if (shards == 0)
            {
                throw FaceSources.NothingDecoded(report);
            }

            FaceSet Take(torch.Tensor buffer, int count)
            {
                var set = new FaceSet(buffer.narrow(0, 0, count), source.HasLabels ? torch.tensor(labels.ToArray()) : null);
                labels.Clear();
                return set;
            }
        }
    }

    /// <summary>
    /// Streams <paramref name="source"/> into shards; <paramref name="openShard"/> gives the stream for shard i, which
    /// is disposed once the shard is written. Fails when no image of the source decodes.
    /// </summary>
    public static IngestResult WriteShards(IFaceSource source, int maxImagesPerShard, Func<int, Stream> openShard)
    {
        ArgumentNullException.ThrowIfNull(openShard);
        var report = new IngestReport(source?.Location ?? throw new ArgumentNullException(nameof(source)));
        var shards = new List<ShardManifest>();
        foreach (var faces in ReadShards(source, maxImagesPerShard, report))
        {
            using (faces)
            {
                shards.Add(WriteShard(faces, shards.Count, openShard));
            }
        }
        return new IngestResult(shards, report);
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
