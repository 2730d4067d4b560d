namespace FaceKdGrid.Distillation.Storage;

/// <summary>
/// An artifact whose content no longer matches the SHA-256 stored with it when it was written (truncated,
/// bit-flipped, overwritten behind the store's back). An answer, not a hiccup: it is never retried
/// (<see cref="TransientStorageFailures"/>).
/// </summary>
public sealed class ArtifactCorruptException(string key, string location, string expectedSha256, string actualSha256, long length)
    : IOException(
        $"artifact '{key}' is corrupt: its checksum did not match (the {length} bytes read hash to SHA-256 {actualSha256}, " +
        $"but {expectedSha256} was stored with it; {location})")
{
    public string Key { get; } = key;

    public string ExpectedSha256 { get; } = expectedSha256;

    public string ActualSha256 { get; } = actualSha256;
}
