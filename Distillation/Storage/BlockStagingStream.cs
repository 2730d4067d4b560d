using System.Buffers;
using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace FaceKdGrid.Distillation.Storage;

/// <summary>
/// The write side of a streamed block-blob upload: fills one block-sized buffer at a time and stages each full one
/// as an uncommitted block, which readers cannot see. <see cref="CommitAsync"/> then replaces the blob in one
/// request (Put Block List; a single Put Blob when everything fit in one block). Only asynchronous writes.
/// </summary>
internal sealed class BlockStagingStream : Stream
{
    // Azure accepts at most this many committed blocks in one blob.
    private const int MaxBlocks = 50_000;

    private readonly BlockBlobClient blob;
    private readonly int blockSize;
    private readonly byte[] buffer;
    private readonly List<string> blockIds = [];

    // Unique per upload, so concurrent writers of the same blob never replace each other's uncommitted blocks.
    private readonly string uploadId = Guid.NewGuid().ToString("N");
    private int filled;

    public BlockStagingStream(BlockBlobClient blob, int blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(blockSize);
        this.blob = blob;
        this.blockSize = blockSize;
        buffer = ArrayPool<byte>.Shared.Rent(blockSize);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        while (!source.IsEmpty)
        {
            var take = Math.Min(source.Length, blockSize - filled);
            source[..take].CopyTo(buffer.AsMemory(filled));
            filled += take;
            source = source[take..];
            if (filled == blockSize)
            {
                await StageBufferAsync(cancellationToken);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Makes everything written visible at once, with <paramref name="metadata"/> on the blob.</summary>
    public async Task CommitAsync(IDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        if (blockIds.Count == 0)
        {
            await blob.UploadAsync(BufferedContent(), new BlobUploadOptions { Metadata = metadata }, cancellationToken);
            return;
        }
        if (filled > 0)
        {
            await StageBufferAsync(cancellationToken);
        }
        await blob.CommitBlockListAsync(blockIds, new CommitBlockListOptions { Metadata = metadata }, cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("blocks are staged over the network: write asynchronously");

    public override void Flush()
    {
        // Blocks are staged when full and the rest on commit; there is nothing to flush in between.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        base.Dispose(disposing);
    }

    private async Task StageBufferAsync(CancellationToken cancellationToken)
    {
        if (blockIds.Count == MaxBlocks)
        {
            throw new IOException($"artifact {blob.Name} exceeds Azure's {MaxBlocks} blocks of {blockSize} bytes");
        }
        // Every block id of a blob must have the same length: a fixed-width index keeps them so.
        var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{uploadId}-{blockIds.Count:D5}"));
        await blob.StageBlockAsync(blockId, BufferedContent(), cancellationToken: cancellationToken);
        blockIds.Add(blockId);
        filled = 0;
    }

    private MemoryStream BufferedContent() => new(buffer, 0, filled, writable: false);
}
