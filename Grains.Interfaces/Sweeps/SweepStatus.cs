namespace FaceKdGrid.Grains.Sweeps;

/// <summary>Where a sweep stands. Completed, Failed and Cancelled are final.</summary>
public enum SweepStatus
{
    /// <summary>No sweep was submitted under this id.</summary>
    Unknown,

    Running,

    /// <summary>Every trial reached a final state and at least one student produced a result.</summary>
    Completed,

    /// <summary>The teacher trial failed, or no student produced a result.</summary>
    Failed,

    Cancelled,
}
