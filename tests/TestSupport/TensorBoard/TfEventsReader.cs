using System.Buffers.Binary;
using System.Text;

namespace FaceKdGrid.TestSupport.TensorBoard;

/// <summary>
/// Reads a TensorBoard event file without TorchSharp or a protobuf library, so tests check the files the engine
/// writes against the format itself. Records are TFRecord frames: a little-endian u64 length, the masked CRC-32C of
/// those 8 bytes, the data, the masked CRC-32C of the data. The data is an Event message (wall_time = 1, double;
/// step = 2, varint; file_version = 3, string; summary = 5) whose Summary holds Values (tag = 1, simple_value = 2, float).
/// </summary>
public static class TfEventsReader
{
    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    private static readonly uint[] Crc32CTable = BuildCrc32CTable();

    public static IReadOnlyList<TfEvent> Read(byte[] file)
    {
        var events = new List<TfEvent>();
        var position = 0;
        while (position < file.Length)
        {
            var header = Take(file, ref position, 8);
            var length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header));
            Check(header, BinaryPrimitives.ReadUInt32LittleEndian(Take(file, ref position, 4)), $"length of record {events.Count}");
            var data = Take(file, ref position, length);
            Check(data, BinaryPrimitives.ReadUInt32LittleEndian(Take(file, ref position, 4)), $"data of record {events.Count}");
            events.Add(ReadEvent(data));
        }
        return events;
    }

    private static TfEvent ReadEvent(ReadOnlySpan<byte> data)
    {
        double wallTime = 0;
        long step = 0;
        string? fileVersion = null;
        var scalars = new List<(string, float)>();
        var position = 0;
        while (position < data.Length)
        {
            var (field, wireType) = ReadTag(data, ref position);
            switch (field, wireType)
            {
                case (1, Fixed64):
                    wallTime = BinaryPrimitives.ReadDoubleLittleEndian(data.Slice(position, 8));
                    position += 8;
                    break;
                case (2, Varint):
                    step = (long)ReadVarint(data, ref position);
                    break;
                case (3, LengthDelimited):
                    fileVersion = Encoding.UTF8.GetString(ReadBytes(data, ref position));
                    break;
                case (5, LengthDelimited):
                    var summary = ReadBytes(data, ref position);
                    var inSummary = 0;
                    while (inSummary < summary.Length)
                    {
                        var (summaryField, summaryWireType) = ReadTag(summary, ref inSummary);
                        if ((summaryField, summaryWireType) == (1, LengthDelimited))
                        {
                            scalars.Add(ReadValue(ReadBytes(summary, ref inSummary)));
                        }
                        else
                        {
                            Skip(summary, ref inSummary, summaryWireType);
                        }
                    }
                    break;
                default:
                    Skip(data, ref position, wireType);
                    break;
            }
        }
        return new TfEvent(wallTime, step, fileVersion, scalars);
    }

    private static (string Tag, float Value) ReadValue(ReadOnlySpan<byte> value)
    {
        string? tag = null;
        float? simpleValue = null;
        var position = 0;
        while (position < value.Length)
        {
            var (field, wireType) = ReadTag(value, ref position);
            switch (field, wireType)
            {
                case (1, LengthDelimited):
                    tag = Encoding.UTF8.GetString(ReadBytes(value, ref position));
                    break;
                case (2, Fixed32):
                    simpleValue = BinaryPrimitives.ReadSingleLittleEndian(value.Slice(position, 4));
                    position += 4;
                    break;
                default:
                    Skip(value, ref position, wireType);
                    break;
            }
        }
        return (tag ?? throw new InvalidDataException("a summary value has no tag"),
            simpleValue ?? throw new InvalidDataException($"summary value '{tag}' is not a simple_value scalar"));
    }

    private static (int Field, int WireType) ReadTag(ReadOnlySpan<byte> data, ref int position)
    {
        var key = ReadVarint(data, ref position);
        return ((int)(key >> 3), (int)(key & 7));
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var next = data[position++];
            result |= (ulong)(next & 0x7f) << shift;
            if ((next & 0x80) == 0)
            {
                return result;
            }
        }
        throw new InvalidDataException("a varint runs over 64 bits");
    }

    private static ReadOnlySpan<byte> ReadBytes(ReadOnlySpan<byte> data, ref int position)
    {
        var length = checked((int)ReadVarint(data, ref position));
        var bytes = data.Slice(position, length);
        position += length;
        return bytes;
    }

    private static void Skip(ReadOnlySpan<byte> data, ref int position, int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint(data, ref position);
                break;
            case Fixed64:
                position += 8;
                break;
            case LengthDelimited:
                ReadBytes(data, ref position);
                break;
            case Fixed32:
                position += 4;
                break;
            default:
                throw new InvalidDataException($"unknown protobuf wire type {wireType}");
        }
    }

    private static byte[] Take(byte[] file, ref int position, int count)
    {
        if (position + count > file.Length)
        {
            throw new InvalidDataException($"event file is truncated at byte {position} ({count} more expected, {file.Length - position} left)");
        }
        var bytes = file.AsSpan(position, count).ToArray();
        position += count;
        return bytes;
    }

    private static void Check(byte[] data, uint maskedCrc, string what)
    {
        var crc = Crc32C(data);
        var masked = ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
        if (masked != maskedCrc)
        {
            throw new InvalidDataException($"masked CRC-32C of the {what} is {maskedCrc:x8}, expected {masked:x8}");
        }
    }

    private static uint Crc32C(byte[] data)
    {
        var crc = 0xffffffffu;
        foreach (var value in data)
        {
            crc = Crc32CTable[(crc ^ value) & 0xff] ^ (crc >> 8);
        }
        return ~crc;
    }

    /// <summary>The Castagnoli polynomial, reflected.</summary>
    private static uint[] BuildCrc32CTable()
    {
        var table = new uint[256];
        for (var index = 0u; index < 256; index++)
        {
            var crc = index;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82f63b78u : crc >> 1;
            }
            table[index] = crc;
        }
        return table;
    }
}
