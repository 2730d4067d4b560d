namespace FaceKdGrid.Grains.Trials;

/// <summary>Where a trial stands. Completed, Stopped, Failed and Cancelled are final.</summary>
public enum TrialStatus
{
    Pending,
    Running,
    Completed,

    /// <summary>Stopped early by the scheduler (ASHA) as one of the weaker trials; its last metrics stand.</summary>
    Stopped,

    Failed,
    Cancelled,
}
