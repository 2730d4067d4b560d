using System.Buffers.Binary;
using System.Collections;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// InsightFace training sets in MXNet IndexedRecordIO (<c>train.rec</c> + <c>train.idx</c>), read as arcface_torch
/// reads them. Each record starts with an IRHeader (uint32 flag, float32 label, uint64 id, uint64 id2; little
/// endian), then <c>flag</c> extra float32 labels when flag &gt; 0, then the encoded image. When record 0's header has
/// flag &gt; 0 it is a header record: its first label is the end of the image keys, which run 1 .. label-1 (the
/// records after them describe identities and are not read). Otherwise every indexed record is an image. An image's
/// identity is its label, or its first extra label when flag &gt; 0.
/// </summary>
public sealed class RecordIoReader : IFaceSource
{
    /// <summary>Bytes of the fixed IRHeader.</summary>
    public const int HeaderSize = 24;

    private readonly string indexPath;

    /// <param name="recordPath">the .rec file</param>
    /// <param name="imageSize">side of the square crops images are resized to</param>
    /// <param name="indexPath">the .idx file; by default the .rec path with the extension .idx</param>
    public RecordIoReader(string recordPath, int imageSize, string? indexPath = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recordPath);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageSize, 1);
        this.indexPath = indexPath ?? Path.ChangeExtension(recordPath, ".idx");
        foreach (var path in new[] { recordPath, this.indexPath })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"RecordIO file '{path}' does not exist", path);
            }
        }
        Location = Path.GetFullPath(recordPath);
        ImageSize = imageSize;
    }

    public string Location { get; }

    public int ImageSize { get; }

    public bool HasLabels => true;

    /// <summary>Reads a whole .rec into memory.</summary>
    public static IngestedFaces Read(string recordPath, int imageSize, string? indexPath = null) =>
        new RecordIoReader(recordPath, imageSize, indexPath).ReadAll();

    /// <summary>
    /// Walks the index in its order, reading each image record as it goes: memory holds one record at a time and, for
    /// a file with a header record, one bit per image key (to report keys the index lists twice or not at all).
    /// </summary>
    public IEnumerable<FaceSample> ReadFaces(IngestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var file = IndexedRecordFile.Open(Location, indexPath);
        var end = ImageKeyEnd(file);
        var listed = end is { } last ? new BitArray(checked((int)(last - 1))) : null;
        foreach (var (key, offset) in file.Entries())
        {
            if (listed is not null)
            {
                if (key < 1 || key >= end)
                {
                    // The header record itself, and the identity records after the images.
                    continue;
                }
                if (listed[(int)(key - 1)])
                {
                    report.Skip($"record {key}", "listed twice in the index");
                    continue;
                }
                listed[(int)(key - 1)] = true;
            }
            var (_, labels, image) = ParseHeader(file.Read(key, offset), key);
            var identity = labels[0];
            if (!float.IsFinite(identity) || identity < 0 || identity != MathF.Floor(identity))
            {
                report.Skip($"record {key}", $"label {identity} is not an identity index");
                continue;
            }
            if (FaceSources.DecodeCounted(image.Span, ImageSize, (long)identity, $"record {key}", report) is { } sample)
            {
                yield return sample;
            }
        }
        for (var key = 1; listed is not null && key <= listed.Length; key++)
        {
            if (!listed[key - 1])
            {
                report.Skip($"record {key}", "missing from the index");
            }
        }
    }

    /// <summary>The end of the image keys (they run 1 .. end-1) when record 0 is a header record; null when every indexed record is an image.</summary>
    private long? ImageKeyEnd(IndexedRecordFile file)
    {
        if (file.Find(0) is not { } offset)
        {
            return null;
        }
        var (flag, labels, _) = ParseHeader(file.Read(0, offset), 0);
        if (flag == 0)
        {
            return null;
        }
        var end = labels[0];
        if (!float.IsFinite(end) || end < 1 || end - 1 > Array.MaxLength)
        {
            throw new InvalidDataException($"'{Location}': header record 0 gives image key end {end}");
        }
        return (long)end;
    }

    /// <summary>The record's flag, labels (the header label alone, or the extra labels when flag &gt; 0) and its image bytes.</summary>
    private (uint Flag, float[] Labels, ReadOnlyMemory<byte> Image) ParseHeader(byte[] record, long key)
    {
        if (record.Length < HeaderSize)
        {
            throw new InvalidDataException($"'{Location}': record {key} has {record.Length} bytes, fewer than its {HeaderSize}-byte header");
        }
        var flag = BinaryPrimitives.ReadUInt32LittleEndian(record);
        if (flag == 0)
        {
            return (flag, [BinaryPrimitives.ReadSingleLittleEndian(record.AsSpan(4))], record.AsMemory(HeaderSize));
        }
        if (flag > (record.Length - HeaderSize) / 4)
        {
            throw new InvalidDataException($"'{Location}': record {key} declares {flag} extra labels but has only {record.Length - HeaderSize} bytes after its header");
        }
        var labels = new float[flag];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = BinaryPrimitives.ReadSingleLittleEndian(record.AsSpan(HeaderSize + 4 * i));
        }
        return (flag, labels, record.AsMemory(HeaderSize + 4 * labels.Length));
    }
}
