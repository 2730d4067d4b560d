namespace FaceKdGrid.Distillation.Storage;

/// <summary>
/// Where everything durable lives: data shards, teacher-output caches, checkpoints, exported models, reports.
/// Keys are '/'-separated relative paths (e.g. "sweeps/s1/t003/checkpoint-0004.ckpt"). Writes are atomic: a
/// reader sees the old content or the new, never a part.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, replacing what was there.</summary>
    Task<ArtifactInfo> WriteAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens the artifact for reading; throws <see cref="ArtifactNotFoundException"/> when absent.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Size and SHA-256 of the stored content, or null when absent.</summary>
    Task<ArtifactInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default);

    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Keys that start with <paramref name="prefix"/>, in ordinal order.</summary>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>A human-readable location (a path or URI) for messages; never contains secrets.</summary>
    string Describe(string key);
}
