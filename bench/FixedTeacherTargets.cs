using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Training;
using static TorchSharp.torch;

namespace FaceKdGrid.Bench;

/// <summary>A fixed random target in place of a teacher, matching the PyTorch peer's loss exactly.</summary>
internal sealed class FixedTeacherTargets(Tensor target) : ITeacherTargets
{
    public Tensor For(TrainingBatch batch) => target;
}
