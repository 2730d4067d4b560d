namespace FaceKdGrid.Distillation.Training;

/// <summary>
/// Deterministic random access to the batches of every epoch: the same (epoch, index) always yields the same
/// batch, which makes resuming mid-run exact and teacher outputs cacheable.
/// </summary>
public interface IBatchSource
{
    int BatchesPerEpoch { get; }

    /// <summary>Batches per shard in shard order within one epoch (the order shards are visited may vary by epoch).</summary>
    IReadOnlyList<int> BatchesPerShard { get; }

    /// <summary>Batch <paramref name="index"/> (0-based) of <paramref name="epoch"/> (0-based). Tensors belong to the caller's dispose scope.</summary>
    TrainingBatch GetBatch(int epoch, int index);

    /// <summary>Batch <paramref name="indexInShard"/> of shard <paramref name="shard"/> in <paramref name="epoch"/>.</summary>
    TrainingBatch GetShardBatch(int epoch, int shard, int indexInShard);
}
