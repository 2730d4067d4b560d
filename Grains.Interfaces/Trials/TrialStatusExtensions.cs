namespace FaceKdGrid.Grains.Trials;

public static class TrialStatusExtensions
{
    public static bool IsFinal(this TrialStatus status) =>
        status is TrialStatus.Completed or TrialStatus.Stopped or TrialStatus.Failed or TrialStatus.Cancelled;

    /// <summary>Whether the trial produced metrics that count in the results (completed, or stopped early).</summary>
    public static bool HasResult(this TrialStatus status) => status is TrialStatus.Completed or TrialStatus.Stopped;
}
