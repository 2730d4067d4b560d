using FaceKdGrid.Distillation.Training;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Teaching;

/// <summary>The teacher's embeddings [B, D] for a training batch (constants: no gradient flows into the teacher).</summary>
public interface ITeacherTargets
{
    Tensor For(TrainingBatch batch);
}
