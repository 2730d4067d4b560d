using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Training;

/// <summary>
/// One batch, ready for the model: <see cref="Input"/> is normalised float [B, 3, S, S] on the training device
/// (already augmented), <see cref="Labels"/> int64 [B] when the data is labeled. The coordinates say where it
/// came from, so teacher outputs for it can be cached and shared (same data, seed and augmentation = same batch).
/// </summary>
public sealed record TrainingBatch(Tensor Input, Tensor? Labels, int Epoch, int Index, int Shard, int IndexInShard);
