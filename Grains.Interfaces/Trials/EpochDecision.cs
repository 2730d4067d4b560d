namespace FaceKdGrid.Grains.Trials;

/// <summary>The coordinator's answer to an epoch report.</summary>
public enum EpochDecision
{
    Continue,

    /// <summary>End training now and return the outcome so far (ASHA stop, max epochs, cancel, superseded attempt).</summary>
    Stop,
}
