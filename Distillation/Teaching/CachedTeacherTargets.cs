using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Teaching;

/// <summary>
/// Teacher outputs fetched a whole shard-epoch at a time from a shared cache; on a miss the teacher runs over
/// that shard's batches for the epoch (the very batches the trainer will ask for, since the batch source is
/// deterministic) and the result is stored for every other trial with the same data and augmentation. Passes run and
/// entries read are counted in <paramref name="usage"/>.
/// </summary>
public sealed class CachedTeacherTargets(FaceEmbedder teacher, IBatchSource source, ITeacherOutputCache cache, Func<int, int, TeacherCacheKey> keyOf,
    TeacherUsage usage) : ITeacherTargets, IDisposable
{
    private (int Epoch, int Shard)? current;
    private Tensor? currentOutputs;

    public Tensor For(TrainingBatch batch)
    {
        if (current != (batch.Epoch, batch.Shard))
        {
            currentOutputs?.Dispose();
            using var outputs = usage.GetOrCompute(cache, keyOf(batch.Epoch, batch.Shard), () => ComputeShard(batch.Epoch, batch.Shard));
            currentOutputs = outputs.to(batch.Input.device).DetachFromDisposeScope();
            current = (batch.Epoch, batch.Shard);
        }
        var size = batch.Input.shape[0];
        return currentOutputs!.narrow(0, batch.IndexInShard * size, size);
    }

    public void Dispose() => currentOutputs?.Dispose();

    private Tensor ComputeShard(int epoch, int shard)
    {
        using var noGrad = torch.no_grad();
        teacher.eval();
        var parts = new List<Tensor>();
        try
        {
            for (var k = 0; k < source.BatchesPerShard[shard]; k++)
            {
                using var scope = torch.NewDisposeScope();
                var batch = source.GetShardBatch(epoch, shard, k);
                parts.Add(teacher.call(batch.Input).cpu().DetachFromDisposeScope());
                usage.CountForwardPass();
            }
            return torch.cat(parts, 0).DetachFromDisposeScope();
        }
        finally
        {
            foreach (var part in parts)
            {
                part.Dispose();
            }
        }
    }
}
