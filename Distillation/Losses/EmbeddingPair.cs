using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Losses;

/// <summary>The shape contract every KD loss shares: student and teacher embeddings, both [B, D], B >= 1.</summary>
internal static class EmbeddingPair
{
    public static void Require(Tensor student, Tensor teacher)
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentNullException.ThrowIfNull(teacher);
        if (student.dim() != 2 || student.shape[0] < 1)
        {
            throw new ArgumentException($"student embeddings must be [B, D] with B >= 1; got [{string.Join(", ", student.shape)}]", nameof(student));
        }
        if (!student.shape.SequenceEqual(teacher.shape))
        {
            throw new ArgumentException($"teacher embeddings must match the (projected) student's shape [{string.Join(", ", student.shape)}]; got [{string.Join(", ", teacher.shape)}]", nameof(teacher));
        }
    }
}
