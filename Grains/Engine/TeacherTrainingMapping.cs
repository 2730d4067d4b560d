using FaceKdGrid.Distillation.Trials;
using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Engine;

/// <summary>How the spec's <c>teacher</c> section (kind train) enters the engine's <see cref="TeacherTrainingSettings"/>.</summary>
public static class TeacherTrainingMapping
{
    public static TeacherTrainingSettings SettingsOf(TeacherSpec teacher)
    {
        var defaults = new TeacherTrainingSettings();
        return defaults with
        {
            Model = teacher.Model,
            EmbeddingSize = teacher.EmbeddingSize ?? defaults.EmbeddingSize,
            Training = defaults.Training with
            {
                Epochs = teacher.Epochs,
                LearningRate = teacher.Lr,
                // Warm-up must end inside the run: a one-epoch teacher warms up for half an epoch.
                WarmupEpochs = Math.Min(defaults.Training.WarmupEpochs, teacher.Epochs / 2.0),
            },
        };
    }
}
