using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models;

/// <summary>
/// Maps student embeddings [B, studentDimension] into the teacher's embedding space [B, teacherDimension] so every
/// KD loss compares like with like: a bias-free linear map when the sizes differ (PyTorch's default initialisation,
/// drawn from the given generator), the identity when they match.
/// </summary>
public sealed class ProjectionHead : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> projection;

    public ProjectionHead(int studentDimension, int teacherDimension, Generator? initialisation = null)
        : base(nameof(ProjectionHead))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(studentDimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(teacherDimension);
        StudentDimension = studentDimension;
        TeacherDimension = teacherDimension;
        if (studentDimension == teacherDimension)
        {
            projection = nn.Identity();
        }
        else
        {
            var linear = nn.Linear(studentDimension, teacherDimension, hasBias: false);
            WeightInitialisation.TorchDefault(linear.weight, null, initialisation);
            projection = linear;
        }
        RegisterComponents();
    }

    public int StudentDimension { get; }

    public int TeacherDimension { get; }

    /// <summary>True when the dimensions match and the head passes embeddings through unchanged (no parameters).</summary>
    public bool IsIdentity => StudentDimension == TeacherDimension;

    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 2 || input.shape[1] != StudentDimension)
        {
            throw new ArgumentException($"student embeddings must be [B, {StudentDimension}]; got [{string.Join(", ", input.shape)}]", nameof(input));
        }
        return projection.call(input);
    }
}
