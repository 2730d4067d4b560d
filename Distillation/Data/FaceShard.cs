using System.Buffers.Binary;
using FaceKdGrid.Records;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// The grid's shard format, little endian throughout:
/// <code>
/// offset  size  field
///      0     8  magic "FKDSHARD" (ASCII)
///      8     4  uint32 version (1)
///     12     8  int64 image count N
///     20     4  int32 image side S
///     24     1  has labels (0 or 1)
///     25     7  reserved, zero
///     32     N*3*S*S  images, uint8 [N, 3, S, S] (RGB, channel first)
///      …     N*8      labels, int64 [N] (only when has labels)
///      …    32  SHA-256 of every byte before it (header, images, labels)
/// </code>
/// Reading and writing stream through a small buffer; the only full copy is the tensor itself.
/// </summary>
public static class FaceShard
{
    public const uint Version = 1;

    /// <summary>The format name manifests carry.</summary>
    public const string Format = "facekd-shard-v1";

    private const int HeaderSize = 32;
    private const int HashSize = 32;
    private const int BufferSize = 1 << 20;

    // Sanity bounds that keep a corrupt header from asking for an absurd tensor before the hash can be checked.
    private const int MaxImageSize = 4096;
    private const long MaxImageBytes = 1L << 40;

    private static ReadOnlySpan<byte> Magic => "FKDSHARD"u8;

    /// <summary>Writes <paramref name="faces"/> to <paramref name="destination"/> and returns its manifest (with the hash).</summary>
    public static ShardManifest Write(Stream destination, FaceSet faces)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(faces);
        using var scope = torch.NewDisposeScope();
        var header = new byte[HeaderSize];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), Version);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(12), faces.Count);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), faces.ImageSize);
        header[24] = faces.HasLabels ? (byte)1 : (byte)0;

        using var hashing = new HashingStream(destination);
        hashing.Write(header);
        faces.Images.cpu().contiguous().WriteBytesToStream(hashing, BufferSize);
        faces.Labels?.cpu().contiguous().WriteBytesToStream(hashing, BufferSize);
        var contentHash = hashing.CurrentHash();
        destination.Write(Convert.FromHexString(contentHash));
        return Describe(faces, contentHash);
    }

    /// <summary>The manifest of <paramref name="faces"/> as a shard, hash included (computed without storing anything).</summary>
    public static ShardManifest Manifest(FaceSet faces) => Write(Stream.Null, faces);

    /// <summary>Reads and verifies a shard; a corrupt or truncated one raises <see cref="InvalidDataException"/>.</summary>
    public static FaceShardContent Read(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var hashing = new HashingStream(source);
        var header = new byte[HeaderSize];
        ReadExactly(hashing, header, "header");
        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException("not a face shard: the magic \"FKDSHARD\" is missing");
        }
        var version = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8));
        var count = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(12));
        var size = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(20));
        var hasLabels = header[24];
        if (version != Version)
        {
            throw new InvalidDataException($"face shard version {version} is not supported (this reader knows {Version})");
        }
        if (size < 1 || size > MaxImageSize || count < 0 || count > MaxImageBytes / (3L * size * size) || hasLabels > 1
            || header.AsSpan(25).ContainsAnyExcept((byte)0))
        {
            throw new InvalidDataException($"face shard header is corrupt (count {count}, image size {size}, has labels {hasLabels})");
        }
        var imageBytes = count * 3L * size * size;
        var totalBytes = HeaderSize + imageBytes + (hasLabels == 1 ? count * 8 : 0) + HashSize;
        if (source.CanSeek && source.Length - source.Position + HeaderSize != totalBytes)
        {
            throw new InvalidDataException($"face shard of {count} {size}x{size} images should be {totalBytes} bytes long but is {source.Length - source.Position + HeaderSize} (truncated or corrupt)");
        }

        var images = torch.empty([count, 3, size, size], dtype: ScalarType.Byte);
        Tensor? labels = null;
        try
        {
            ReadTensor(hashing, images, "images");
            if (hasLabels == 1)
            {
                labels = torch.empty(count, dtype: ScalarType.Int64);
                ReadTensor(hashing, labels, "labels");
            }
            var computed = hashing.CurrentHash();
            var stored = new byte[HashSize];
            ReadExactly(source, stored, "content hash");
            if (!string.Equals(Convert.ToHexStringLower(stored), computed, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"face shard content hash mismatch: stored {Convert.ToHexStringLower(stored)}, computed {computed} (corrupt)");
            }
            return new FaceShardContent(new FaceSet(images, labels), computed);
        }
        catch
        {
            images.Dispose();
            labels?.Dispose();
            throw;
        }
    }

    private static void ReadTensor(Stream stream, Tensor tensor, string part)
    {
        try
        {
            tensor.ReadBytesFromStream(stream, BufferSize);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"face shard is truncated in its {part}");
        }
    }

    private static void ReadExactly(Stream stream, byte[] buffer, string part)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
        {
            throw new InvalidDataException($"face shard is truncated in its {part}");
        }
    }

    private static ShardManifest Describe(FaceSet faces, string contentHash)
    {
        var manifest = new ShardManifest
        {
            Format = Format,
            Count = faces.Count,
            ImageSize = faces.ImageSize,
            HasLabels = faces.HasLabels,
            IdentityCount = 0,
            ContentHash = contentHash,
        };
        if (faces.Labels is null || faces.Count == 0)
        {
            return manifest;
        }
        var counts = LabelCounts(faces.Labels);
        var entropy = counts.Sum(c => -(double)c / faces.Count * Math.Log((double)c / faces.Count));
        return manifest with
        {
            IdentityCount = counts.Length,
            MinImagesPerIdentity = (int)counts.Min(),
            MaxImagesPerIdentity = (int)counts.Max(),
            MeanImagesPerIdentity = (double)faces.Count / counts.Length,
            Balance = counts.Length == 1 ? 1 : entropy / Math.Log(counts.Length),
        };
    }

    private static long[] LabelCounts(Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        var (_, _, counts) = torch.unique(labels.cpu(), return_counts: true);
        return counts!.data<long>().ToArray();
    }
}
