using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FaceKdGrid.Distillation.Losses;

/// <summary>
/// Contrastive distillation (InfoNCE against the teacher). For a batch of B with unit student embeddings s^_i (after
/// the projection head) and unit teacher embeddings t^_i, and a FIFO queue Q of the K most recent teacher embeddings
/// from earlier batches (unit, constant): logits_i = [s^_i . t^_1..B, s^_i . Q_1..K] / tau, the target of row i is
/// its own teacher embedding t^_i (the other in-batch teacher embeddings and the queue are negatives), and
/// L = tau x mean cross-entropy. The tau factor keeps gradient sizes comparable across temperatures (the gradient of
/// the cross-entropy with respect to the cosines scales as 1/tau). After each evaluation the batch's teacher
/// embeddings are enqueued, the oldest dropped; until the queue is full only the filled slots are negatives.
/// The queue and the count of embeddings enqueued so far are buffers, so a checkpoint of this module resumes exactly.
/// </summary>
public sealed class ContrastiveKdLoss : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Rows [K, D]; slot (n mod K) receives the n-th teacher embedding ever enqueued.</summary>
    private readonly Tensor queue;

    /// <summary>int64 scalar: how many teacher embeddings have been enqueued in total (ring pointer and fill level).</summary>
    private readonly Tensor enqueued;

    /// <param name="dimension">D, the teacher's (and projected student's) embedding size.</param>
    /// <param name="queueSize">K, at least 0; 0 uses in-batch negatives only.</param>
    /// <param name="temperature">tau, greater than 0.</param>
    public ContrastiveKdLoss(int dimension, int queueSize, double temperature)
        : base(nameof(ContrastiveKdLoss))
    {
        if (dimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"{nameof(dimension)} must be at least 1");
        }
        QueueSize = KdLossSettings.RequireQueueSize(queueSize, nameof(queueSize));
        Temperature = KdLossSettings.RequirePositive(temperature, nameof(temperature));
        queue = torch.zeros(queueSize, dimension);
        enqueued = torch.tensor(0L);
        RegisterComponents();
    }

    public int QueueSize { get; }

    public double Temperature { get; }

    public int Dimension => (int)queue.shape[1];

    public override Tensor forward(Tensor student, Tensor teacher)
    {
        EmbeddingPair.Require(student, teacher);
        if (student.shape[1] != Dimension)
        {
            throw new ArgumentException($"embeddings have {student.shape[1]} dimensions but the queue holds {Dimension}", nameof(student));
        }
        using var scope = torch.NewDisposeScope();
        Tensor teacherUnit;
        using (torch.no_grad())
        {
            teacherUnit = F.normalize(teacher.detach(), dim: 1);
        }
        var studentUnit = F.normalize(student, dim: 1);
        var logits = studentUnit.matmul(teacherUnit.t());
        if (QueueSize > 0)
        {
            // A copy, because the matmul keeps its operand for the backward pass and the queue changes in place below.
            var negatives = queue.clone();
            var empty = torch.arange(QueueSize, device: queue.device).ge(enqueued);
            var queueLogits = studentUnit.matmul(negatives.t()).masked_fill(empty, double.NegativeInfinity);
            logits = torch.cat([logits, queueLogits], 1);
        }
        var targets = torch.arange(student.shape[0], dtype: ScalarType.Int64, device: student.device);
        var loss = F.cross_entropy(logits.div(Temperature), targets).mul(Temperature);
        Enqueue(teacherUnit);
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>The queued teacher embeddings [min(n, K), D], oldest first (a copy the caller owns).</summary>
    public Tensor QueuedEmbeddings()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var total = enqueued.item<long>();
        var filled = Math.Min(total, QueueSize);
        var oldest = total > QueueSize ? total % QueueSize : 0;
        // With K = 0 there are no slots to order; the divisor only has to be non-zero.
        var slots = torch.arange(filled, device: queue.device).add_(oldest).remainder_(Math.Max(QueueSize, 1));
        return queue.index_select(0, slots).MoveToOuterDisposeScope();
    }

    private void Enqueue(Tensor teacherUnit)
    {
        if (QueueSize == 0)
        {
            return;
        }
        using var noGrad = torch.no_grad();
        var batch = teacherUnit.shape[0];
        // A batch larger than the queue leaves only its own last K embeddings; writing them all would collide.
        var kept = Math.Min(batch, QueueSize);
        var rows = teacherUnit.narrow(0, batch - kept, kept).to_type(queue.dtype);
        var slots = torch.arange(batch - kept, batch, device: queue.device).add_(enqueued).remainder_(QueueSize);
        queue.index_copy_(0, slots, rows);
        enqueued.add_(batch);
    }
}
