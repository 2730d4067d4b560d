namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// The aligned-crop layout shared by the face renderer and the region augmentations: ArcFace's five-point
/// template for 112x112 crops, expressed as fractions of the side so it holds at any crop size.
/// </summary>
public static class AlignedFaceLayout
{
    public static readonly (double X, double Y) LeftEyeCentre = (38.2946 / 112, 51.6963 / 112);
    public static readonly (double X, double Y) RightEyeCentre = (73.5318 / 112, 51.5014 / 112);
    public static readonly (double X, double Y) NoseTip = (56.0252 / 112, 71.7366 / 112);
    public static readonly (double X, double Y) MouthLeftCorner = (41.5493 / 112, 92.3655 / 112);
    public static readonly (double X, double Y) MouthRightCorner = (70.7299 / 112, 92.2041 / 112);

    /// <summary>A horizontal band across both eyes and brows.</summary>
    public static readonly RegionBox EyesBand = new(0.16, 0.33, 0.84, 0.56);

    /// <summary>The nose from the bridge to below the nostrils.</summary>
    public static readonly RegionBox Nose = new(0.38, 0.47, 0.62, 0.72);

    /// <summary>The mouth with its corners.</summary>
    public static readonly RegionBox Mouth = new(0.28, 0.74, 0.72, 0.92);

    public static readonly RegionBox UpperHalf = new(0, 0, 1, 0.5);

    public static readonly RegionBox LowerHalf = new(0, 0.5, 1, 1);
}
