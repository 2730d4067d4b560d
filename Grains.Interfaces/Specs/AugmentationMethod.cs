namespace FaceKdGrid.Grains.Specs;

/// <summary>The augmentation applied to the unlabeled pool before the teacher labels it.</summary>
public enum AugmentationMethod
{
    None,
    Replacement,
    Cutout,
    CutMix,
}
