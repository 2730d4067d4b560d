using System.Globalization;

namespace FaceKdGrid.Distillation.Teaching;

/// <summary>
/// Names one tensor derived from a teacher and a data set, computed once and shared: the teacher's outputs for
/// one shard in one epoch (trials with the same data, seed, batch size and augmentation see exactly the same
/// batches — see FaceSetBatchSource — so they share them), or the data set's k-means prototypes.
/// </summary>
public sealed record TeacherCacheKey(string TeacherId, string DatasetId, int Shard, string Variant, int Epoch, bool IsPrototypes)
{
    public string ArtifactKey => IsPrototypes
        ? $"prototypes/{TeacherId}/{DatasetId}/{Variant}.fkdt"
        : string.Create(CultureInfo.InvariantCulture, $"teacher-outputs/{TeacherId}/{DatasetId}/{Variant}/e{Epoch:D4}/shard-{Shard:D5}.fkdt");

    public static TeacherCacheKey ForBatches(string teacherId, string datasetId, string augmentationKey, long seed, int batchSize, int epoch, int shard) =>
        new(teacherId, datasetId, shard, string.Create(CultureInfo.InvariantCulture, $"{augmentationKey}-s{seed}-b{batchSize}"), epoch, IsPrototypes: false);

    /// <summary>Prototypes belong to the whole data set; shard 0 holds their cache entry.</summary>
    public static TeacherCacheKey ForPrototypes(string teacherId, string datasetId, int count, long seed) =>
        new(teacherId, datasetId, 0, string.Create(CultureInfo.InvariantCulture, $"k{count}-s{seed}"), 0, IsPrototypes: true);
}
