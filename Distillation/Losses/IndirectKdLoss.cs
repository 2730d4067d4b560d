using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FaceKdGrid.Distillation.Losses;

/// <summary>
/// Indirect supervision through a bank P of K unit prototypes [K, D] (the teacher's class centres, or k-means centres
/// of teacher embeddings): the logits are the scaled cosines an ArcFace head produces, z = s P x^ with x^ the
/// L2-normalised embedding, softened by a temperature T: L = T^2 KL(softmax(z_t / T) || softmax(z_s / T)), summed over
/// the prototypes and averaged over the batch. The student learns where the teacher places a face relative to the
/// prototypes rather than the teacher's raw coordinates; the teacher side is a constant. The scale matters: unscaled
/// cosines (s = 1) give a softmax so flat that the term is about (1 - cos) / D whatever T is, inert next to the
/// feature term (docs/calibration.md). The T^2 factor keeps gradient sizes comparable across temperatures.
/// </summary>
public sealed class IndirectKdLoss : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Tensor prototypes;

    /// <param name="prototypes">[K, D] with K >= 2; rows are L2-normalised here (a copy), so unit rows are kept as given.</param>
    /// <param name="scale">Logit scale s, greater than 0.</param>
    /// <param name="temperature">Softening temperature T, greater than 0.</param>
    public IndirectKdLoss(Tensor prototypes, double scale, double temperature)
        : base(nameof(IndirectKdLoss))
    {
        ArgumentNullException.ThrowIfNull(prototypes);
        if (prototypes.dim() != 2 || prototypes.shape[0] < 2 || !prototypes.is_floating_point())
        {
            throw new ArgumentException($"prototypes must be a floating-point [K, D] tensor with K >= 2; got {prototypes.dtype} [{string.Join(", ", prototypes.shape)}]", nameof(prototypes));
        }
        Scale = KdLossSettings.RequirePositive(scale, nameof(scale));
        Temperature = KdLossSettings.RequirePositive(temperature, nameof(temperature));
        using (torch.no_grad())
        {
            this.prototypes = F.normalize(prototypes.detach(), dim: 1);
        }
        RegisterComponents();
    }

    public double Scale { get; }

    public double Temperature { get; }

    public int PrototypeCount => (int)prototypes.shape[0];

    public int Dimension => (int)prototypes.shape[1];

    public override Tensor forward(Tensor student, Tensor teacher)
    {
        EmbeddingPair.Require(student, teacher);
        if (student.shape[1] != Dimension)
        {
            throw new ArgumentException($"embeddings have {student.shape[1]} dimensions but the prototypes have {Dimension}", nameof(student));
        }
        using var scope = torch.NewDisposeScope();
        Tensor teacherLogProbabilities;
        using (torch.no_grad())
        {
            teacherLogProbabilities = LogProbabilities(teacher.detach());
        }
        var studentLogProbabilities = LogProbabilities(student);
        // kl_div(input, target) = sum target_p * (log target_p - input): the KL from the teacher's to the student's
        // distribution. TorchSharp defaults log_target to true; it is passed explicitly because both are log-probabilities.
        var divergence = F.kl_div(studentLogProbabilities, teacherLogProbabilities, log_target: true, reduction: nn.Reduction.Sum);
        return divergence.mul(Temperature * Temperature / student.shape[0]).MoveToOuterDisposeScope();
    }

    private Tensor LogProbabilities(Tensor embeddings)
    {
        var logits = F.normalize(embeddings, dim: 1).matmul(prototypes.t()).mul_(Scale / Temperature);
        return F.log_softmax(logits, dim: 1);
    }
}
