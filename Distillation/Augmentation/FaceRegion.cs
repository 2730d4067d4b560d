namespace FaceKdGrid.Distillation.Augmentation;

/// <summary>Which part of an aligned face content replacement swaps (spec names in <see cref="AugmentationNames"/>).</summary>
public enum FaceRegion
{
    EyesBand,
    Nose,
    Mouth,
    UpperHalf,
    LowerHalf,

    /// <summary>A square of random position inside the face (eyes to mouth), drawn per sample.</summary>
    RandomPart,

    /// <summary>One of the five fixed regions (eyes band to lower half), drawn uniformly per sample.</summary>
    AnyFixed,
}
