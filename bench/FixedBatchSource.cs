using FaceKdGrid.Distillation.Training;
using static TorchSharp.torch;

namespace FaceKdGrid.Bench;

/// <summary>The same model-ready batch at every step, so the trainer is timed without any data path.</summary>
internal sealed class FixedBatchSource(Tensor input, int batchesPerEpoch) : IBatchSource
{
    public int BatchesPerEpoch => batchesPerEpoch;

    public IReadOnlyList<int> BatchesPerShard => [batchesPerEpoch];

    public TrainingBatch GetBatch(int epoch, int index) => new(input, null, epoch, index, 0, index);

    public TrainingBatch GetShardBatch(int epoch, int shard, int indexInShard) => GetBatch(epoch, indexInShard);
}
