using FaceKdGrid.Distillation.Augmentation;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Training;

namespace FaceKdGrid.Distillation.Trials;

/// <summary>The hyperparameters of one student trial.</summary>
public sealed record DistillationSettings
{
    /// <summary>Teacher parameters / student parameters; mapped to the nearest MobileFaceNet.</summary>
    public double CompressionRatio { get; init; } = 4;

    public int StudentEmbeddingSize { get; init; } = 128;

    public KdLossSettings Loss { get; init; } = new(KdLossKind.IndirectFeature);

    public AugmentationSettings Augmentation { get; init; } = new(AugmentationMethod.ContentReplacement, 0.5);

    public TrainingSettings Training { get; init; } = new() { Epochs = 6, LearningRate = 0.05, BatchSize = 64, WarmupEpochs = 0.5 };

    /// <summary>k-means prototypes for the indirect loss when the teacher has no class centres; 0 picks a count from the pool size.</summary>
    public int PrototypeCount { get; init; }

    /// <summary>
    /// Seeds the student's (and its head's) initial weights alone, leaving data order and augmentation to the training
    /// seed; null: the training seed. A resumed run loads its weights from the checkpoint, so its result must not depend on it.
    /// </summary>
    public long? InitialisationSeed { get; init; }

    public DistillationSettings Validate()
    {
        if (!double.IsFinite(CompressionRatio) || CompressionRatio <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CompressionRatio), CompressionRatio, $"{nameof(CompressionRatio)} must be a number greater than 1; got {CompressionRatio}");
        }
        if (PrototypeCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PrototypeCount), PrototypeCount, $"{nameof(PrototypeCount)} must be 0 (automatic) or positive");
        }
        Training.Validate();
        return this;
    }
}
