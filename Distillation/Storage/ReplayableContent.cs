namespace FaceKdGrid.Distillation.Storage;

/// <summary>
/// Write content that every retry can send again from its start: a seekable stream is rewound to where it stood,
/// any other stream is first spooled to a temporary file, deleted on dispose.
/// </summary>
internal sealed class ReplayableContent : IAsyncDisposable
{
    private readonly Stream stream;
    private readonly long start;
    private readonly bool ownsStream;

    private ReplayableContent(Stream stream, long start, bool ownsStream)
    {
        this.stream = stream;
        this.start = start;
        this.ownsStream = ownsStream;
    }

    public static async Task<ReplayableContent> CreateAsync(Stream content, string? spoolDirectory, CancellationToken cancellationToken)
    {
        if (content.CanSeek)
        {
            return new ReplayableContent(content, content.Position, ownsStream: false);
        }
        var path = Path.Combine(spoolDirectory ?? Path.GetTempPath(), $"facekd-spool-{Guid.NewGuid():N}.tmp");
        var spool = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await content.CopyToAsync(spool, cancellationToken);
        }
        catch
        {
            await spool.DisposeAsync();
            throw;
        }
        return new ReplayableContent(spool, 0, ownsStream: true);
    }

    /// <summary>The content positioned at its start, for the next attempt.</summary>
    public Stream Rewind()
    {
        stream.Position = start;
        return stream;
    }

    public ValueTask DisposeAsync() => ownsStream ? stream.DisposeAsync() : ValueTask.CompletedTask;
}
