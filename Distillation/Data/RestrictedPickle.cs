using System.Buffers.Binary;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// A deliberately small Python pickle reader for data files such as InsightFace's verification .bin: protocols 2 to 5,
/// and only the opcodes that build lists, tuples, bytes (Python 3 bytes or Python 2 str), booleans, integers and
/// None, with the memo. Anything else, above all GLOBAL, STACK_GLOBAL, REDUCE, BUILD and the object opcodes, is
/// refused with <see cref="InvalidDataException"/>: nothing in the file is ever looked up or executed.
/// Results: <c>byte[]</c>, <c>bool</c>, <c>long</c>, <c>null</c>, <c>List&lt;object?&gt;</c> (list) and
/// <c>object?[]</c> (tuple).
/// </summary>
public static class RestrictedPickle
{
    private static readonly object Mark = new();

    private static readonly Dictionary<byte, string> RefusedOpcodes = new()
    {
        [(byte)'c'] = "GLOBAL",
        [0x93] = "STACK_GLOBAL",
        [(byte)'R'] = "REDUCE",
        [(byte)'b'] = "BUILD",
        [(byte)'i'] = "INST",
        [(byte)'o'] = "OBJ",
        [0x81] = "NEWOBJ",
        [0x92] = "NEWOBJ_EX",
        [(byte)'}'] = "EMPTY_DICT",
        [(byte)'X'] = "BINUNICODE",
    };

    public static object? Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var input = new PickleInput(stream);
        var stack = new List<object?>();
        var memo = new Dictionary<long, object?>();
        while (true)
        {
            var offset = input.Position;
            var opcode = input.ReadByte();
            switch (opcode)
            {
                case 0x80: // PROTO
                    var protocol = input.ReadByte();
                    if (protocol is < 2 or > 5)
                    {
                        throw new InvalidDataException($"pickle protocol {protocol} at offset {offset} is not supported (2 to 5 are)");
                    }
                    break;
                case 0x95: // FRAME: a length hint only
                    input.ReadUInt(8);
                    break;
                case (byte)'(':
                    stack.Add(Mark);
                    break;
                case (byte)')':
                    stack.Add(Array.Empty<object?>());
                    break;
                case (byte)']':
                    stack.Add(new List<object?>());
                    break;
                case (byte)'a': // APPEND
                    var item = Pop(stack, offset);
                    ListAt(stack, stack.Count - 1, offset).Add(item);
                    break;
                case (byte)'e': // APPENDS
                    var items = PopToMark(stack, offset);
                    ListAt(stack, stack.Count - 1, offset).AddRange(items);
                    break;
                case (byte)'t': // TUPLE
                    stack.Add(PopToMark(stack, offset).ToArray());
                    break;
                case 0x85 or 0x86 or 0x87: // TUPLE1..3
                    stack.Add(PopMany(stack, opcode - 0x84, offset));
                    break;
                case (byte)'C' or (byte)'U': // SHORT_BINBYTES, SHORT_BINSTRING
                    stack.Add(input.ReadBytes(input.ReadUInt(1), offset));
                    break;
                case (byte)'B' or (byte)'T': // BINBYTES, BINSTRING
                    stack.Add(input.ReadBytes(input.ReadUInt(4), offset));
                    break;
                case 0x8e: // BINBYTES8
                    stack.Add(input.ReadBytes(input.ReadUInt(8), offset));
                    break;
                case 0x88:
                    stack.Add(true);
                    break;
                case 0x89:
                    stack.Add(false);
                    break;
                case (byte)'N':
                    stack.Add(null);
                    break;
                case (byte)'K':
                    stack.Add((long)input.ReadUInt(1));
                    break;
                case (byte)'M':
                    stack.Add((long)input.ReadUInt(2));
                    break;
                case (byte)'J':
                    stack.Add((long)(int)input.ReadUInt(4));
                    break;
                case 0x8a: // LONG1
                    stack.Add(input.ReadLong1(offset));
                    break;
                case (byte)'q':
                    memo[(long)input.ReadUInt(1)] = Peek(stack, offset);
                    break;
                case (byte)'r':
                    memo[(long)input.ReadUInt(4)] = Peek(stack, offset);
                    break;
                case 0x94: // MEMOIZE
                    memo[memo.Count] = Peek(stack, offset);
                    break;
                case (byte)'h' or (byte)'j': // BINGET, LONG_BINGET
                    var index = (long)input.ReadUInt(opcode == 'h' ? 1 : 4);
                    stack.Add(memo.TryGetValue(index, out var remembered)
                        ? remembered
                        : throw new InvalidDataException($"pickle refers to memo entry {index} at offset {offset} before storing it"));
                    break;
                case (byte)'.': // STOP
                    if (stack.Count != 1 || ReferenceEquals(stack[0], Mark))
                    {
                        throw new InvalidDataException($"pickle ends at offset {offset} with {stack.Count} values on its stack instead of one");
                    }
                    return stack[0];
                default:
                    var name = RefusedOpcodes.TryGetValue(opcode, out var known) ? $" ({known})" : "";
                    throw new InvalidDataException(
                        $"pickle opcode 0x{opcode:x2}{name} at offset {offset} is not supported: only lists, tuples, bytes, booleans, integers and None are read, and nothing is ever imported or called");
            }
        }
    }

    private static object? Pop(List<object?> stack, long offset)
    {
        var value = Peek(stack, offset);
        stack.RemoveAt(stack.Count - 1);
        return value;
    }

    private static object? Peek(List<object?> stack, long offset) =>
        stack.Count > 0 && !ReferenceEquals(stack[^1], Mark)
            ? stack[^1]
            : throw new InvalidDataException($"pickle opcode at offset {offset} needs a value but its stack has none");

    private static object?[] PopMany(List<object?> stack, int count, long offset)
    {
        var values = new object?[count];
        for (var i = count - 1; i >= 0; i--)
        {
            values[i] = Pop(stack, offset);
        }
        return values;
    }

    private static List<object?> PopToMark(List<object?> stack, long offset)
    {
        var mark = stack.FindLastIndex(value => ReferenceEquals(value, Mark));
        if (mark < 0)
        {
            throw new InvalidDataException($"pickle opcode at offset {offset} needs a MARK but none is open");
        }
        var values = stack.GetRange(mark + 1, stack.Count - mark - 1);
        stack.RemoveRange(mark, stack.Count - mark);
        return values;
    }

    private static List<object?> ListAt(List<object?> stack, int index, long offset) =>
        index >= 0 && stack[index] is List<object?> list
            ? list
            : throw new InvalidDataException($"pickle appends at offset {offset} to something that is not a list");

    /// <summary>Little-endian reads that count their position and turn a short read into a clear error.</summary>
    private sealed class PickleInput(Stream stream)
    {
        // Larger single objects than this are not face images; refusing them keeps a corrupt length from allocating.
        private const ulong MaxObjectBytes = 1 << 30;

        public long Position { get; private set; }

        public byte ReadByte()
        {
            var value = stream.ReadByte();
            if (value < 0)
            {
                throw new InvalidDataException($"pickle is truncated at offset {Position} (no STOP opcode)");
            }
            Position++;
            return (byte)value;
        }

        public ulong ReadUInt(int size)
        {
            Span<byte> buffer = stackalloc byte[8];
            Fill(buffer[..size]);
            return BinaryPrimitives.ReadUInt64LittleEndian(buffer);
        }

        public long ReadLong1(long offset)
        {
            var size = ReadByte();
            if (size > 8)
            {
                throw new InvalidDataException($"pickle integer at offset {offset} has {size} bytes; at most 8 are supported");
            }
            Span<byte> buffer = stackalloc byte[8];
            Fill(buffer[..size]);
            var negative = size > 0 && (buffer[size - 1] & 0x80) != 0;
            buffer[size..].Fill(negative ? (byte)0xff : (byte)0);
            return BinaryPrimitives.ReadInt64LittleEndian(buffer);
        }

        public byte[] ReadBytes(ulong length, long offset)
        {
            if (length > MaxObjectBytes)
            {
                throw new InvalidDataException($"pickle bytes object at offset {offset} claims {length} bytes; more than {MaxObjectBytes} is refused");
            }
            var bytes = new byte[length];
            Fill(bytes);
            return bytes;
        }

        private void Fill(Span<byte> buffer)
        {
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (read < buffer.Length)
            {
                throw new InvalidDataException($"pickle is truncated at offset {Position + read}: {buffer.Length} bytes were needed");
            }
            Position += read;
        }
    }
}
