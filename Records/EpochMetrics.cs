namespace FaceKdGrid.Records;

/// <summary>What one epoch did: 1-based epoch, mean training loss and components, the learning rate at its end,
/// throughput, the validation after it (null when the run validates nothing), and when it ended.</summary>
public sealed record EpochMetrics(
    int Epoch,
    double Loss,
    IReadOnlyDictionary<string, double> LossComponents,
    double LearningRate,
    double ImagesPerSecond,
    double Seconds,
    EpochValidation? Validation)
{
    /// <summary>The wall-clock time the epoch ended (TensorBoard's time axis); null in checkpoints written before it was recorded.</summary>
    public DateTimeOffset? EndedAt { get; init; }
}
