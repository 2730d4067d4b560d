using System.Buffers.Binary;
using System.Globalization;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// MXNet's IndexedRecordIO (dmlc-core recordio): a .idx text file of "key\toffset" lines and a .rec file of records.
/// A record is one or more parts, each: uint32 magic 0xced7230a, uint32 word (upper 3 bits continuation flag, lower
/// 29 bits length), the bytes, zero padding to a multiple of 4. The writer splits a record wherever its payload holds
/// the magic at a 4-byte-aligned position (flags 1 = first, 2 = middle, 3 = last part; 0 = whole record) and drops
/// those four bytes, so the reader puts the magic back between parts. The index is read line by line as it is
/// walked, never held whole, so memory does not grow with the file (MS1M's index has 5.8M lines).
/// </summary>
internal sealed class IndexedRecordFile : IDisposable
{
    public const uint Magic = 0xced7230a;

    private static readonly byte[] MagicBytes = [0x0a, 0x23, 0xd7, 0xce];

    private readonly FileStream records;
    private readonly string indexPath;

    private IndexedRecordFile(string recordPath, string indexPath)
    {
        RecordPath = recordPath;
        this.indexPath = indexPath;
        records = new FileStream(recordPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
    }

    public string RecordPath { get; }

    public static IndexedRecordFile Open(string recordPath, string indexPath) => new(recordPath, indexPath);

    /// <summary>The index's (key, offset) entries in the order it lists them, parsed as they are enumerated.</summary>
    public IEnumerable<(long Key, long Offset)> Entries()
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(indexPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var fields = line.Split('\t');
            if (fields.Length != 2
                || !long.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var key)
                || !long.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset)
                || offset < 0)
            {
                throw new InvalidDataException($"'{indexPath}' line {lineNumber}: expected \"key<TAB>offset\", got \"{line}\"");
            }
            yield return (key, offset);
        }
    }

    /// <summary>The offset of <paramref name="key"/>, found by walking the index; null when it is not listed.</summary>
    public long? Find(long key)
    {
        foreach (var entry in Entries())
        {
            if (entry.Key == key)
            {
                return entry.Offset;
            }
        }
        return null;
    }

    /// <summary>The payload of the record <paramref name="key"/> that starts at <paramref name="offset"/>, parts joined.</summary>
    public byte[] Read(long key, long offset)
    {
        records.Position = offset;
        using var payload = new MemoryStream();
        var header = new byte[8];
        for (var part = 0; ; part++)
        {
            var partOffset = records.Position;
            ReadExactly(header, key, partOffset);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic)
            {
                throw new InvalidDataException($"'{RecordPath}': no RecordIO magic at offset {partOffset} (record {key})");
            }
            var word = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            var continuation = word >> 29;
            var length = (int)(word & ((1u << 29) - 1));
            if (part == 0 ? continuation is not (0 or 1) : continuation is not (2 or 3))
            {
                throw new InvalidDataException($"'{RecordPath}': part {part} of record {key} at offset {partOffset} has continuation flag {continuation}");
            }
            if (length > records.Length - records.Position)
            {
                throw new InvalidDataException($"'{RecordPath}': record {key} at offset {partOffset} claims {length} bytes but the file ends first (truncated?)");
            }
            var bytes = new byte[(length + 3) & ~3];
            ReadExactly(bytes, key, partOffset);
            payload.Write(bytes, 0, length);
            if (continuation is 0 or 3)
            {
                return payload.ToArray();
            }
            payload.Write(MagicBytes);
        }
    }

    public void Dispose() => records.Dispose();

    private void ReadExactly(Span<byte> buffer, long key, long partOffset)
    {
        try
        {
            records.ReadExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"'{RecordPath}': record {key} at offset {partOffset} is truncated");
        }
    }
}
