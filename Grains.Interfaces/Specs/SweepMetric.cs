namespace FaceKdGrid.Grains.Specs;

/// <summary>
/// The verification metric a sweep ranks and schedules trials by: accuracy, or TAR at the FAR the pairs support.
/// Schedulers and selection read it on the validation pairs; tables report it on the test pairs.
/// </summary>
public enum SweepMetric
{
    Accuracy,
    Tar,
}
