namespace FaceKdGrid.Distillation.Training;

/// <summary>Optimisation settings of one training run (SGD with momentum, cosine learning rate after a linear warm-up).</summary>
public sealed record TrainingSettings
{
    public int Epochs { get; init; } = 10;

    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 0.1;

    public double Momentum { get; init; } = 0.9;

    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>Epochs of linear warm-up before the cosine decay (may be fractional).</summary>
    public double WarmupEpochs { get; init; }

    /// <summary>Gradients are clipped to this global L2 norm; 0 turns clipping off.</summary>
    public double GradientClipNorm { get; init; } = 5.0;

    /// <summary>Seeds model initialisation, data order and augmentation.</summary>
    public long Seed { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public TrainingSettings Validate()
    {
        Require(Epochs >= 1, nameof(Epochs), Epochs, "must be at least 1");
        Require(BatchSize >= 2, nameof(BatchSize), BatchSize, "must be at least 2 (batch norm needs two samples)");
        Require(double.IsFinite(LearningRate) && LearningRate > 0, nameof(LearningRate), LearningRate, "must be a positive number");
        Require(double.IsFinite(Momentum) && Momentum is >= 0 and < 1, nameof(Momentum), Momentum, "must be in [0, 1)");
        Require(double.IsFinite(WeightDecay) && WeightDecay >= 0, nameof(WeightDecay), WeightDecay, "must be zero or positive");
        Require(double.IsFinite(WarmupEpochs) && WarmupEpochs >= 0 && WarmupEpochs < Epochs, nameof(WarmupEpochs), WarmupEpochs, "must be in [0, epochs)");
        Require(double.IsFinite(GradientClipNorm) && GradientClipNorm >= 0, nameof(GradientClipNorm), GradientClipNorm, "must be zero (off) or positive");
        return this;
    }

    private static void Require(bool ok, string name, object value, string problem)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} {problem}; got {value}");
        }
    }
}
