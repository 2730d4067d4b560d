namespace FaceKdGrid.Distillation.Training;

/// <summary>How a run ended — all epochs done, or stopped early by a callback (with its reason) — and the final
/// state, from which the trained modules can be exported or the run continued.</summary>
public sealed record TrainingOutcome(IReadOnlyList<EpochMetrics> History, string? StopReason, TrainingCheckpoint FinalState)
{
    public bool StoppedEarly => StopReason is not null;

    public int EpochsCompleted => History.Count;
}
