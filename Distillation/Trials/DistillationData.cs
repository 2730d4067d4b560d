using FaceKdGrid.Distillation.Data;

namespace FaceKdGrid.Distillation.Trials;

/// <summary>What a student learns from and is measured on: the unlabeled pool (as shards; labels, if present, are
/// never used), the id that keys caches derived from the pool, and held-out verification pairs.</summary>
public sealed record DistillationData(IReadOnlyList<FaceSet> PoolShards, string DatasetId, VerificationSet Evaluation)
{
    public int ImageSize => PoolShards[0].ImageSize;

    public void Validate()
    {
        if (PoolShards.Count == 0)
        {
            throw new ArgumentException("the unlabeled pool has no shards", nameof(PoolShards));
        }
        if (PoolShards.Any(s => s.ImageSize != ImageSize))
        {
            throw new ArgumentException($"pool shards mix image sizes: {string.Join(", ", PoolShards.Select(s => s.ImageSize).Distinct())}", nameof(PoolShards));
        }
        if (Evaluation.ImageSize != ImageSize)
        {
            throw new ArgumentException($"pool images are {ImageSize} px but evaluation images are {Evaluation.ImageSize} px", nameof(Evaluation));
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(DatasetId);
    }
}
