namespace FaceKdGrid.Distillation.Storage;

/// <summary>
/// Where everything durable lives: data shards, teacher-output caches, checkpoints, exported models, reports.
/// Keys are '/'-separated relative paths (e.g. "sweeps/s1/t003/checkpoint-0004.ckpt"). Writes are atomic: a
/// reader sees the old content or the new, never a part. Every write records the content's SHA-256 with the artifact
/// (blob metadata, or a file beside it) and every read checks it: one check in the store covers shards, teacher
/// outputs, checkpoints and indexes alike, whatever their format, and names a damaged artifact by its key.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing what was there.</summary>
    Task<ArtifactInfo> WriteAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens the artifact for reading; throws <see cref="ArtifactNotFoundException"/> when absent. When the content
    /// ends, the stream compares it with the recorded SHA-256 and throws <see cref="ArtifactCorruptException"/> if it
    /// differs: read to the end before trusting what was read.
    /// </summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Size and SHA-256 of the stored content (as recorded at its write), or null when absent.</summary>
    Task<ArtifactInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default);

    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Keys that start with <paramref name="prefix"/>, in ordinal order.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>A human-readable location (a path or URI) for messages; never contains secrets.</summary>
    string Describe(string key);
}
