using System.Buffers.Binary;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// Writes MXNet IndexedRecordIO the way dmlc-core and mxnet.recordio.pack do, including the split of a record at
/// every 4-byte-aligned occurrence of the magic: what <see cref="RecordIoReader"/> reads, for tests and benchmarks
/// that need a real .rec of a chosen size.
/// </summary>
public sealed class RecordIoWriter : IDisposable
{
    private const uint Magic = IndexedRecordFile.Magic;

    private readonly FileStream records;
    private readonly StreamWriter index;

    public RecordIoWriter(string recordPath, string indexPath)
    {
        records = new FileStream(recordPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        index = new StreamWriter(indexPath);
    }

    /// <summary>An IRHeader: flag 0 with a scalar label, or flag = labels.Length followed by the labels.</summary>
    public static byte[] Pack(float[] labels, byte[] image, ulong id = 0)
    {
        var extra = labels.Length == 1 ? 0 : labels.Length;
        var packed = new byte[24 + 4 * extra + image.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(packed, (uint)extra);
        BinaryPrimitives.WriteSingleLittleEndian(packed.AsSpan(4), extra == 0 ? labels[0] : 0);
        BinaryPrimitives.WriteUInt64LittleEndian(packed.AsSpan(8), id);
        for (var i = 0; i < extra; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(packed.AsSpan(24 + 4 * i), labels[i]);
        }
        image.CopyTo(packed, 24 + 4 * extra);
        return packed;
    }

    public void Write(long key, byte[] payload)
    {
        index.Write($"{key}\t{records.Position}\n");
        var start = 0;
        for (var i = 0; i + 4 <= payload.Length; i += 4)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(payload.AsSpan(i)) == Magic)
            {
                WritePart(start == 0 ? 1u : 2u, payload.AsSpan(start, i - start));
                start = i + 4;
            }
        }
        WritePart(start == 0 ? 0u : 3u, payload.AsSpan(start));
    }

    public void Dispose()
    {
        records.Dispose();
        index.Dispose();
    }

    private void WritePart(uint flag, ReadOnlySpan<byte> bytes)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (flag << 29) | (uint)bytes.Length);
        records.Write(header);
        records.Write(bytes);
        records.Write(new byte[((bytes.Length + 3) & ~3) - bytes.Length]);
    }
}
