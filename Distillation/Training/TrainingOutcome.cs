namespace FaceKdGrid.Distillation.Training;

/// <summary>How a run ended: all epochs done, or stopped early by a callback (with its reason).</summary>
public sealed record TrainingOutcome(IReadOnlyList<EpochMetrics> History, string? StopReason)
{
    public bool StoppedEarly => StopReason is not null;

    public int EpochsCompleted => History.Count;
}
