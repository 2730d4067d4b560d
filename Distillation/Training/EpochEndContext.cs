using FaceKdGrid.Records;

namespace FaceKdGrid.Distillation.Training;

/// <summary>What a callback sees at the end of an epoch, and how it asks the run to stop early.</summary>
public sealed class EpochEndContext(EpochMetrics metrics, IReadOnlyList<EpochMetrics> history, int totalEpochs, Func<TrainingCheckpoint> captureCheckpoint)
{
    public EpochMetrics Metrics { get; } = metrics;

    /// <summary>Every epoch so far, this one included (also those before a resume).</summary>
    public IReadOnlyList<EpochMetrics> History { get; } = history;

    public int TotalEpochs { get; } = totalEpochs;

    public string? StopReason { get; private set; }

    /// <summary>Everything needed to resume after this epoch.</summary>
    public TrainingCheckpoint CaptureCheckpoint() => captureCheckpoint();

    /// <summary>Ends the run after this epoch (e.g. an early-stopping scheduler's decision).</summary>
    public void RequestStop(string reason) => StopReason ??= reason;
}
