namespace FaceKdGrid.Grains.Specs;

/// <summary>Which facial region content replacement swaps; <see cref="Any"/> picks one of the named regions per sample.</summary>
public enum FaceRegionChoice
{
    Eyes,
    Nose,
    Mouth,
    Upper,
    Lower,
    Random,
    Any,
}
