namespace FaceKdGrid.Distillation.Data;

/// <summary>A whole face source read into memory, with the report of what was read and skipped.</summary>
public sealed record IngestedFaces(FaceSet Faces, IngestReport Report) : IDisposable
{
    public void Dispose() => Faces.Dispose();
}
