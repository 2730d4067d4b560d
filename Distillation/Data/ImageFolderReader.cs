namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// A folder of face images. With sub-folders it is labeled: one sub-folder per identity, label = index of the
/// sub-folder in ordinal name order (images directly in the root are then skipped and reported). Without
/// sub-folders it is an unlabeled pool. Files are read in ordinal name order; only image extensions (.jpg, .jpeg,
/// .png, .bmp, .webp, .gif) are considered, and names starting with '.' are ignored.
/// </summary>
public sealed class ImageFolderReader : IFaceSource
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".bmp", ".webp", ".gif" };

    private readonly string[] identityFolders;

    public ImageFolderReader(string folder, int imageSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageSize, 1);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"image folder '{folder}' does not exist");
        }
        Location = Path.GetFullPath(folder);
        ImageSize = imageSize;
        identityFolders = Directory.GetDirectories(Location).Where(IsVisible).Order(StringComparer.Ordinal).ToArray();
    }

    public string Location { get; }

    public int ImageSize { get; }

    public bool HasLabels => identityFolders.Length > 0;

    /// <summary>The identity folder names; label i is <c>IdentityNames[i]</c>. Empty when unlabeled.</summary>
    public IReadOnlyList<string> IdentityNames => identityFolders.Select(Path.GetFileName).ToArray()!;

    /// <summary>Reads a whole folder into memory.</summary>
    public static IngestedFaces Read(string folder, int imageSize) => new ImageFolderReader(folder, imageSize).ReadAll();

    public IEnumerable<FaceSample> ReadFaces(IngestReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var (file, label) in LabeledFiles(report))
        {
            if (ReadImage(file, label, report) is { } sample)
            {
                yield return sample;
            }
        }
    }

    private IEnumerable<(string File, long? Label)> LabeledFiles(IngestReport report)
    {
        if (!HasLabels)
        {
            foreach (var file in ImageFiles(Location))
            {
                yield return (file, null);
            }
            yield break;
        }
        foreach (var stray in ImageFiles(Location))
        {
            report.Skip(RelativeName(stray), "image outside any identity folder");
        }
        for (var label = 0; label < identityFolders.Length; label++)
        {
            foreach (var file in ImageFiles(identityFolders[label]))
            {
                yield return (file, label);
            }
        }
    }

    /// <summary>The image files directly in <paramref name="folder"/>, in ordinal name order, hidden ones left out.</summary>
    internal static IEnumerable<string> ImageFiles(string folder) =>
        Directory.EnumerateFiles(folder)
            .Where(file => IsVisible(file) && ImageExtensions.Contains(Path.GetExtension(file)))
            .Order(StringComparer.Ordinal);

    private static bool IsVisible(string path) => !Path.GetFileName(path).StartsWith('.');

    private FaceSample? ReadImage(string file, long? label, IngestReport report)
    {
        byte[] encoded;
        try
        {
            encoded = File.ReadAllBytes(file);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            report.Skip(RelativeName(file), $"cannot be read: {error.Message}");
            return null;
        }
        return FaceSources.DecodeCounted(encoded, ImageSize, label, RelativeName(file), report);
    }

    private string RelativeName(string file) => Path.GetRelativePath(Location, file);
}
