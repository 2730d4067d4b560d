namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// A collection of face images users bring (an image folder, an InsightFace .rec), read one face at a time so any
/// size can be turned into shards with bounded memory. Undecodable images are skipped and recorded in the report.
/// </summary>
public interface IFaceSource
{
    /// <summary>The folder or file read, for reports and error messages.</summary>
    string Location { get; }

    /// <summary>Side of the square crops every sample is resized to.</summary>
    int ImageSize { get; }

    bool HasLabels { get; }

    IEnumerable<FaceSample> ReadFaces(IngestReport report);
}
