namespace FaceKdGrid.Distillation.Training;

/// <summary>The loss became NaN or infinite: the run cannot continue.</summary>
public sealed class TrainingDivergedException(int epoch, double loss)
    : Exception($"diverged: the training loss became {loss} in epoch {epoch}")
{
    /// <summary>The 1-based epoch in which it happened.</summary>
    public int Epoch { get; } = epoch;
}
