namespace FaceKdGrid.Grains.Specs;

/// <summary>Whether a larger or a smaller metric is better.</summary>
public enum OptimisationMode
{
    Max,
    Min,
}
