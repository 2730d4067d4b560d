using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// Aligns a face in a photo to <see cref="AlignedFaceLayout"/>'s five-point template: the similarity transform
/// from five detected points to the template, and the bilinear warp of the photo into a square crop. Coordinates
/// are continuous pixel coordinates (pixel (i, j) covers [i, i + 1) x [j, j + 1)), in photo and crop alike.
/// </summary>
public static class FaceAligner
{
    public const int PointCount = 5;

    // Mipmaps keep large faces from aliasing when they are shrunk to a small crop.
    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <summary>The template at <paramref name="cropSize"/>: left eye, right eye, nose tip, left and right mouth corner.</summary>
    public static IReadOnlyList<(double X, double Y)> TemplatePoints(int cropSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cropSize, 1);
        (double X, double Y)[] fractions =
        [
            AlignedFaceLayout.LeftEyeCentre, AlignedFaceLayout.RightEyeCentre, AlignedFaceLayout.NoseTip,
            AlignedFaceLayout.MouthLeftCorner, AlignedFaceLayout.MouthRightCorner,
        ];
        return fractions.Select(point => (point.X * cropSize, point.Y * cropSize)).ToArray();
    }

    /// <summary>The least-squares similarity transform from a face's five points (template order) to the template.</summary>
    public static SimilarityTransform EstimateTransform(IReadOnlyList<(double X, double Y)> points, int cropSize)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count != PointCount)
        {
            throw new ArgumentException($"need the {PointCount} alignment points (eyes, nose tip, mouth corners); got {points.Count}", nameof(points));
        }
        return SimilarityTransform.Fit(points, TemplatePoints(cropSize));
    }

    /// <summary>The face with these five points as an aligned uint8 [3, S, S] RGB crop.</summary>
    public static Tensor Align(SKImage photo, IReadOnlyList<(double X, double Y)> points, int cropSize) =>
        torch.tensor(WarpPixels(photo, EstimateTransform(points, cropSize), cropSize), [3, cropSize, cropSize], ScalarType.Byte);

    /// <summary>
    /// The face with these five points as a uint8 [3, S, S] RGB crop in another layout: the points are fitted onto
    /// <paramref name="template"/> (five points in crop pixels, in template order), e.g. <see cref="DlibChipLayout.TemplatePoints"/>.
    /// </summary>
    public static Tensor Align(SKImage photo, IReadOnlyList<(double X, double Y)> points, IReadOnlyList<(double X, double Y)> template, int cropSize)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(template);
        if (points.Count != PointCount || template.Count != PointCount)
        {
            throw new ArgumentException($"need the {PointCount} alignment points and {PointCount} template points; got {points.Count} and {template.Count}", nameof(points));
        }
        return torch.tensor(WarpPixels(photo, SimilarityTransform.Fit(points, template), cropSize), [3, cropSize, cropSize], ScalarType.Byte);
    }

    /// <summary>
    /// The photo seen through <paramref name="photoToCrop"/> as channel-first bytes of an S x S RGB crop (R plane, G,
    /// B), sampled bilinearly; parts of the crop outside the photo are black.
    /// </summary>
    internal static byte[] WarpPixels(SKImage photo, SimilarityTransform photoToCrop, int cropSize)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentOutOfRangeException.ThrowIfLessThan(cropSize, 1);
        if (!double.IsFinite(photoToCrop.Scale) || photoToCrop.Scale <= 0 || !double.IsFinite(photoToCrop.Angle)
            || !double.IsFinite(photoToCrop.OffsetX) || !double.IsFinite(photoToCrop.OffsetY))
        {
            throw new ArgumentException($"the transform must have a positive finite scale and finite angle and offsets; got {photoToCrop}", nameof(photoToCrop));
        }
        var (cos, sin) = (photoToCrop.Scale * Math.Cos(photoToCrop.Angle), photoToCrop.Scale * Math.Sin(photoToCrop.Angle));
        var matrix = new SKMatrix((float)cos, (float)-sin, (float)photoToCrop.OffsetX, (float)sin, (float)cos, (float)photoToCrop.OffsetY, 0, 0, 1);
        using var crop = new SKBitmap(new SKImageInfo(cropSize, cropSize, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(crop))
        {
            canvas.Clear(SKColors.Black);
            canvas.SetMatrix(matrix);
            canvas.DrawImage(photo, 0, 0, Sampling);
        }
        return FaceImageDecoder.ToChannelFirst(crop);
    }
}
