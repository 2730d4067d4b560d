using System.Globalization;

namespace FaceKdGrid.Distillation.Teaching;

/// <summary>
/// Identifies the teacher's outputs for one shard in one epoch. Two trials with the same data, seed, batch size
/// and augmentation see exactly the same batches (see FaceSetBatchSource), so they share these outputs.
/// </summary>
public sealed record TeacherOutputKey(string TeacherId, string DatasetId, string AugmentationKey, long Seed, int BatchSize, int Epoch, int Shard)
{
    public string ArtifactKey => string.Create(CultureInfo.InvariantCulture,
        $"teacher-outputs/{TeacherId}/{DatasetId}/{AugmentationKey}-s{Seed}-b{BatchSize}/e{Epoch:D4}/shard-{Shard:D5}.fkdt");
}
