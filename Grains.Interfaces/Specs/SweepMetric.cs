namespace FaceKdGrid.Grains.Specs;

/// <summary>The verification metric a sweep ranks and schedules trials by.</summary>
public enum SweepMetric
{
    Accuracy,
    TarAtFar1e3,
}
