using System.Buffers.Binary;
using System.Globalization;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// MXNet's IndexedRecordIO (dmlc-core recordio): a .idx text file of "key\toffset" lines and a .rec file of records.
/// A record is one or more parts, each: uint32 magic 0xced7230a, uint32 word (upper 3 bits continuation flag, lower
/// 29 bits length), the bytes, zero padding to a multiple of 4. The writer splits a record wherever its payload holds
/// the magic at a 4-byte-aligned position (flags 1 = first, 2 = middle, 3 = last part; 0 = whole record) and drops
/// those four bytes, so the reader puts the magic back between parts.
/// </summary>
internal sealed class IndexedRecordFile : IDisposable
{
    public const uint Magic = 0xced7230a;

    private static readonly byte[] MagicBytes = [0x0a, 0x23, 0xd7, 0xce];

    private readonly FileStream records;
    private readonly Dictionary<long, long> offsets;

    private IndexedRecordFile(string recordPath, IReadOnlyList<long> keys, Dictionary<long, long> offsets)
    {
        RecordPath = recordPath;
        Keys = keys;
        this.offsets = offsets;
        records = new FileStream(recordPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
    }

    public string RecordPath { get; }

    /// <summary>Keys in the order the index lists them.</summary>
    public IReadOnlyList<long> Keys { get; }

    public static IndexedRecordFile Open(string recordPath, string indexPath)
    {
        var keys = new List<long>();
        var offsets = new Dictionary<long, long>();
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
            if (!offsets.TryAdd(key, offset))
            {
                throw new InvalidDataException($"'{indexPath}' line {lineNumber}: key {key} is listed twice");
            }
            keys.Add(key);
        }
        return new IndexedRecordFile(recordPath, keys, offsets);
    }

    public bool Contains(long key) => offsets.ContainsKey(key);

    /// <summary>The payload of record <paramref name="key"/>, parts joined.</summary>
    public byte[] Read(long key)
    {
        if (!offsets.TryGetValue(key, out var offset))
        {
            throw new KeyNotFoundException($"record {key} is not in the index of '{RecordPath}'");
        }
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
            var word = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
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
