using SkiaSharp;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// Real faces from ordinary photos: each photo is decoded with SkiaSharp, its faces and their five points are found
/// by <see cref="FaceDetector"/>, and every face is aligned to the ArcFace template by <see cref="FaceAligner"/>.
/// Unreadable files are skipped and reported with the reason; they never stop the rest.
/// </summary>
public static class PhotoFaces
{
    // Photos go to the detector in groups, so that the decoded bitmaps and their float32 copies stay bounded.
    private const long MaxPixelsPerDetectorRun = 32L * 1024 * 1024;

    /// <param name="photos">Image files, or folders whose image files (not sub-folders) are read in name order.</param>
    /// <param name="cropSize">Side of the aligned crops in pixels.</param>
    /// <param name="minScore">The detector's minimum confidence in (0, 1); null for face-api's default (0.5).</param>
    /// <param name="detector">Defaults to <see cref="FaceDetector.Locate"/>.</param>
    /// <exception cref="FileNotFoundException">A named file or folder does not exist.</exception>
    /// <exception cref="ArgumentException">The paths name no image files.</exception>
    public static ExtractedPhotoFaces Extract(IEnumerable<string> photos, int cropSize = 112, double? minScore = null, FaceDetector? detector = null)
    {
        ArgumentNullException.ThrowIfNull(photos);
        ArgumentOutOfRangeException.ThrowIfLessThan(cropSize, 1);
        var paths = photos.ToList();
        var files = ImageFiles(paths);
        detector ??= FaceDetector.Locate();

        var report = new IngestReport(string.Join(", ", paths));
        var photoReports = new List<PhotoReport>();
        var crops = new List<byte[]>();
        var pending = new List<(string File, SKBitmap Bitmap)>();
        try
        {
            foreach (var file in files)
            {
                if (Decode(file, report) is not { } bitmap)
                {
                    continue;
                }
                pending.Add((file, bitmap));
                if (pending.Sum(photo => (long)photo.Bitmap.Width * photo.Bitmap.Height) >= MaxPixelsPerDetectorRun)
                {
                    AlignFaces(pending, detector, cropSize, minScore, photoReports, crops);
                }
            }
            AlignFaces(pending, detector, cropSize, minScore, photoReports, crops);
        }
        finally
        {
            pending.ForEach(photo => photo.Bitmap.Dispose());
        }
        var faces = new FaceSet(FaceSources.StackImages(crops, cropSize));
        return new ExtractedPhotoFaces(faces, photoReports, report);
    }

    private static List<string> ImageFiles(IReadOnlyList<string> photos)
    {
        var files = new List<string>();
        foreach (var path in photos)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(ImageFolderReader.ImageFiles(path));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"photo or folder '{path}' does not exist", path);
            }
        }
        if (files.Count == 0)
        {
            throw new ArgumentException($"no image files in {string.Join(", ", photos.Select(path => $"'{path}'"))}", nameof(photos));
        }
        return files;
    }

    private static SKBitmap? Decode(string file, IngestReport report)
    {
        byte[] encoded;
        try
        {
            encoded = File.ReadAllBytes(file);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            report.Skip(file, $"cannot be read: {error.Message}");
            return null;
        }
        if (!FaceImageDecoder.TryDecodeFullSize(encoded, out var bitmap, out var failure))
        {
            report.Skip(file, failure);
            return null;
        }
        report.CountRead();
        return bitmap;
    }

    /// <summary>Detects and aligns the faces of the pending photos, then disposes and forgets them.</summary>
    private static void AlignFaces(List<(string File, SKBitmap Bitmap)> pending, FaceDetector detector, int cropSize, double? minScore,
        List<PhotoReport> photoReports, List<byte[]> crops)
    {
        var detections = detector.Detect(pending.Select(photo => photo.Bitmap).ToList(), minScore);
        foreach (var ((file, bitmap), faces) in pending.Zip(detections))
        {
            // Immutable, the bitmap's pixels are shared with the image rather than copied.
            bitmap.SetImmutable();
            using var image = SKImage.FromBitmap(bitmap);
            crops.AddRange(faces.Select(face => FaceAligner.WarpPixels(image, FaceAligner.EstimateTransform(face.Points, cropSize), cropSize)));
            photoReports.Add(new PhotoReport(file, faces.Count));
            bitmap.Dispose();
        }
        pending.Clear();
    }
}
