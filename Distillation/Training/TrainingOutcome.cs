using FaceKdGrid.Records;

namespace FaceKdGrid.Distillation.Training;

/// <summary>How a run ended — all epochs done, or stopped early by a callback (with its reason) — the final state, from
/// which the trained modules can be exported or the run continued, and the epoch it resumed after: read from the
/// checkpoint it loaded (0 when it started fresh), so a resume is evidenced by what was loaded, not by what was asked.</summary>
public sealed record TrainingOutcome(IReadOnlyList<EpochMetrics> History, string? StopReason, TrainingCheckpoint FinalState, int ResumedFromEpoch)
{
    public bool StoppedEarly => StopReason is not null;

    public int EpochsCompleted => History.Count;
}
