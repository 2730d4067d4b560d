namespace FaceKdGrid.Grains.Scheduling;

/// <summary>What ASHA makes of one epoch report.</summary>
public enum AshaVerdict
{
    Continue,

    /// <summary>Below the cutoff of a rung: the trial is one of the weaker ones and stops.</summary>
    StopWeak,

    /// <summary>The trial reached the scheduler's max epochs: it ends as completed.</summary>
    StopAtMaxEpochs,
}
