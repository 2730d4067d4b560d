namespace FaceKdGrid.Grains.Specs;

/// <summary>How a sweep decides which running trials to stop early.</summary>
public enum SchedulerKind
{
    /// <summary>Every trial runs all its epochs.</summary>
    Fifo,

    /// <summary>Asynchronous successive halving: weak trials stop at rung milestones.</summary>
    Asha,
}
