using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Training;

namespace FaceKdGrid.Distillation.Trials;

/// <summary>How a teacher is trained with labels: backbone spec (ModelFactory syntax), embedding size, ArcFace head and optimisation.</summary>
public sealed record TeacherTrainingSettings
{
    public string Model { get; init; } = "iresnet:layers=1-1-1-1,width=0.25";

    public int EmbeddingSize { get; init; } = 128;

    /// <summary>ArcFace logit scale; smaller than InsightFace's 64 suits small sets and few epochs.</summary>
    public double ArcFaceScale { get; init; } = ArcFaceHead.SmallSetScale;

    public double ArcFaceMargin { get; init; } = ArcFaceHead.SmallSetMargin;

    public TrainingSettings Training { get; init; } = new() { Epochs = 10, LearningRate = 0.1, BatchSize = 64, WarmupEpochs = 1 };
}
