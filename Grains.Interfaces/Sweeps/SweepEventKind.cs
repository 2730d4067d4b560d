namespace FaceKdGrid.Grains.Sweeps;

public enum SweepEventKind
{
    /// <summary>A trial's current state, sent once per trial when a watcher subscribes.</summary>
    TrialState,

    TrialStarted,
    EpochReported,

    /// <summary>A failed attempt that will be retried after a back-off, or a trial re-queued after a lost worker.</summary>
    TrialRequeued,

    TrialFinished,
    SweepFinished,
}
