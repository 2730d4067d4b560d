using System.Buffers.Binary;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Storage;

/// <summary>
/// A float32 tensor as bytes: "FKDT", rank, dimensions (int64), then the values (little-endian). Used for cached
/// teacher outputs and prototype banks, which must move between machines through the artifact store.
/// </summary>
public static class TensorFile
{
    private static readonly byte[] Magic = "FKDT"u8.ToArray();

    public static byte[] ToBytes(Tensor tensor)
    {
        using var cpu = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
        var values = cpu.data<float>().ToArray();
        var shape = cpu.shape;
        var bytes = new byte[Magic.Length + 4 + 8 * shape.Length + 4L * values.Length];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), shape.Length);
        for (var i = 0; i < shape.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 + 8 * i), shape[i]);
        }
        MemoryMarshal.AsBytes(values.AsSpan()).CopyTo(bytes.AsSpan(8 + 8 * shape.Length));
        return bytes;
    }

    /// <summary>Reads a tensor written by <see cref="ToBytes"/>; it lives on the CPU outside any dispose scope.</summary>
    public static Tensor FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8 || !bytes[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException("not a tensor file (bad magic)");
        }
        var rank = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        if (rank is < 0 or > 8 || bytes.Length < 8 + 8 * rank)
        {
            throw new InvalidDataException($"tensor file has an invalid rank {rank}");
        }
        var shape = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            shape[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes[(8 + 8 * i)..]);
        }
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var data = bytes[(8 + 8 * rank)..];
        if (shape.Any(d => d < 0) || data.Length != 4 * count)
        {
            throw new InvalidDataException($"tensor file holds {data.Length} bytes of values but its shape [{string.Join(", ", shape)}] needs {4 * count}");
        }
        var values = MemoryMarshal.Cast<byte, float>(data).ToArray();
        return torch.tensor(values, shape).DetachFromDisposeScope();
    }
}
