namespace FaceKdGrid.Distillation.Data;

/// <summary>A shard read back: its faces and the content hash it was verified against.</summary>
public sealed record FaceShardContent(FaceSet Faces, string ContentHash) : IDisposable
{
    public void Dispose() => Faces.Dispose();
}
