namespace FaceKdGrid.Distillation.Data;

/// <summary>What reading a face source produced: how many images were decoded and which were skipped, and why.</summary>
public sealed class IngestReport
{
    private readonly List<SkippedImage> skipped = [];

    public IngestReport(string source)
    {
        Source = source;
    }

    /// <summary>The folder or file the faces came from.</summary>
    public string Source { get; }

    public int ImagesRead { get; private set; }

    public IReadOnlyList<SkippedImage> Skipped => skipped;

    public override string ToString() => $"{Source}: {ImagesRead} images read, {skipped.Count} skipped";

    internal void CountRead() => ImagesRead++;

    internal void Skip(string item, string reason) => skipped.Add(new SkippedImage(item, reason));
}
