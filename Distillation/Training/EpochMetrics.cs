namespace FaceKdGrid.Distillation.Training;

/// <summary>What one epoch did: 1-based epoch, mean training loss and components, the learning rate at its end,
/// throughput, and the validation after it (null when the run validates nothing).</summary>
public sealed record EpochMetrics(
    int Epoch,
    double Loss,
    IReadOnlyDictionary<string, double> LossComponents,
    double LearningRate,
    double ImagesPerSecond,
    double Seconds,
    EpochValidation? Validation);
