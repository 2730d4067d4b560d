using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Teaching;

/// <summary>Runs the teacher on every batch (in eval mode, without gradients), counting each pass in <paramref name="usage"/>.</summary>
public sealed class LiveTeacherTargets(FaceEmbedder teacher, TeacherUsage usage) : ITeacherTargets
{
    public Tensor For(TrainingBatch batch)
    {
        using var noGrad = torch.no_grad();
        teacher.eval();
        usage.CountForwardPass();
        return teacher.call(batch.Input);
    }
}
