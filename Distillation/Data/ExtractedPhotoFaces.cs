namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// Faces taken from photos: the aligned crops as an unlabeled <see cref="FaceSet"/> (photo by photo, in the order of
/// <see cref="Photos"/>), the faces found per decoded photo, and the report of photos decoded and skipped.
/// </summary>
public sealed record ExtractedPhotoFaces(FaceSet Faces, IReadOnlyList<PhotoReport> Photos, IngestReport Report) : IDisposable
{
    public void Dispose() => Faces.Dispose();
}
