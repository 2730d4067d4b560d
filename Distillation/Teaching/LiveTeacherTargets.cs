using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Teaching;

/// <summary>Runs the teacher on every batch (in eval mode, without gradients).</summary>
public sealed class LiveTeacherTargets(FaceEmbedder teacher) : ITeacherTargets
{
    public int ForwardPasses { get; private set; }

    public Tensor For(TrainingBatch batch)
    {
        using var noGrad = torch.no_grad();
        teacher.eval();
        ForwardPasses++;
        return teacher.call(batch.Input);
    }
}
