namespace FaceKdGrid.Distillation.Storage;

/// <summary>What the store knows about one artifact: its key, length in bytes and SHA-256 (lower-case hex).</summary>
public sealed record ArtifactInfo(string Key, long Length, string Sha256);
