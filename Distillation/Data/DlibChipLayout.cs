namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// dlib's face-chip layout, the one its face descriptor was trained on: <c>get_face_chip_details(shape, 150, 0.25)</c>,
/// expressed as the five points <see cref="FaceAligner"/> uses (eye centres, nose tip, mouth corners), as fractions
/// of the chip's side. Compared with <see cref="AlignedFaceLayout"/> the eyes sit much higher (0.31 of the side, not
/// 0.46) and the face is slightly larger (about 1.08 times at the same crop size).
/// </summary>
/// <remarks>
/// Derived from dlib's mean face (the 68-point mean shape in get_face_chip_details, dlib/image_transforms/
/// interpolation.h, given for landmarks 17-67 as fractions of a unit face box). A chip of side S with padding p puts
/// a mean-shape point m at S (p + m) / (1 + 2p), so with p = 0.25 and S = 150 at 25 + 100 m pixels. Our points are
/// defined as in tools/detect-faces.mjs: each eye centre is the mean of its six contour landmarks (36-41 on the
/// photo's left, 42-47 on its right), the nose tip is landmark 30 and the mouth corners are 48 and 54. dlib fits its
/// chip to many landmarks at once, so these points are where a face with exactly the mean shape lands. On a chip
/// extracted at the face's own scale a chip coordinate equals our continuous pixel coordinate (dlib's pixel centres
/// are whole numbers, its chip spans 150 s - 1 source pixels), and at other scales the two differ by under 0.7%.
/// </remarks>
public static class DlibChipLayout
{
    /// <summary>Side of the chips dlib's face descriptor takes, in pixels.</summary>
    public const int ChipSize = 150;

    /// <summary>The padding around the mean face that dlib's face recognition example and training use.</summary>
    public const double Padding = 0.25;

    /// <summary>Mean of landmarks 36-41: x 0.121737 0.187122 0.265825 0.334606 0.260918 0.182743, y 0.216423 0.178758 0.179852 0.231733 0.245099 0.244077.</summary>
    public static readonly (double X, double Y) LeftEyeCentre = OnChip(0.2254918333, 0.2159903333);

    /// <summary>Mean of landmarks 42-47: x 0.645647 0.714428 0.793132 0.858516 0.79751 0.719335, y 0.231733 0.179852 0.178758 0.216423 0.244077 0.245099.</summary>
    public static readonly (double X, double Y) RightEyeCentre = OnChip(0.7547613333, 0.2159903333);

    /// <summary>Landmark 30.</summary>
    public static readonly (double X, double Y) NoseTip = OnChip(0.490127, 0.515625);

    /// <summary>Landmark 48.</summary>
    public static readonly (double X, double Y) MouthLeftCorner = OnChip(0.254149, 0.780233);

    /// <summary>Landmark 54.</summary>
    public static readonly (double X, double Y) MouthRightCorner = OnChip(0.726104, 0.780233);

    /// <summary>The five points on a chip of <paramref name="chipSize"/> pixels, in <see cref="FaceAligner.TemplatePoints"/> order.</summary>
    public static IReadOnlyList<(double X, double Y)> TemplatePoints(int chipSize = ChipSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chipSize, 1);
        (double X, double Y)[] fractions = [LeftEyeCentre, RightEyeCentre, NoseTip, MouthLeftCorner, MouthRightCorner];
        return fractions.Select(point => (point.X * chipSize, point.Y * chipSize)).ToArray();
    }

    /// <summary>
    /// The least-squares similarity transform from a crop in <see cref="AlignedFaceLayout"/> of
    /// <paramref name="cropSize"/> pixels to a dlib chip of <see cref="ChipSize"/> pixels. The two templates differ in
    /// shape, not only in placement, so the points land within about 2.5 px of dlib's, not on them.
    /// </summary>
    public static SimilarityTransform FromAlignedCrop(int cropSize) =>
        SimilarityTransform.Fit(FaceAligner.TemplatePoints(cropSize), TemplatePoints());

    private static (double X, double Y) OnChip(double meanShapeX, double meanShapeY) =>
        ((Padding + meanShapeX) / (1 + 2 * Padding), (Padding + meanShapeY) / (1 + 2 * Padding));
}
