using System.Security.Cryptography;

namespace FaceKdGrid.Distillation.Storage;

/// <summary>
/// The read side of every stored artifact that has a SHA-256 on record: hashes what the reader takes and, when the
/// content ends, compares it with the recorded one, throwing <see cref="ArtifactCorruptException"/> on a mismatch.
/// Checking at the end keeps reads streamed (no second pass, no copy); a truncated artifact ends early and fails too.
/// </summary>
internal sealed class ChecksumVerifyingStream(Stream inner, string key, string location, string expectedSha256) : Stream
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long length;
    private bool checkedAtEnd;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Observe(buffer[..read], endOfContent: read == 0 && !buffer.IsEmpty);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Observe(buffer.Span[..read], endOfContent: read == 0 && !buffer.IsEmpty);
        return read;
    }

    public override void Flush()
    {
        // Read-only: nothing to flush.
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            hash.Dispose();
        }
        base.Dispose(disposing);
    }

    private void Observe(ReadOnlySpan<byte> read, bool endOfContent)
    {
        hash.AppendData(read);
        length += read.Length;
        if (!endOfContent || checkedAtEnd)
        {
            return;
        }
        checkedAtEnd = true;
        var actual = Convert.ToHexStringLower(hash.GetCurrentHash());
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArtifactCorruptException(key, location, expectedSha256, actual, length);
        }
    }
}
