using FaceKdGrid.Distillation.Data;

namespace FaceKdGrid.Distillation.Trials;

/// <summary>What a student learns from and is measured on: the pool (as shards; its identity labels, if present, are
/// used by the supervised baseline alone, never by distillation), the id that keys caches derived from the pool,
/// held-out test pairs (<paramref name="Evaluation"/>, reported only), optionally validation pairs (what early stopping
/// and selection read), and optionally faces on which the student's agreement with its teacher is measured.</summary>
public sealed record DistillationData(IReadOnlyList<FaceSet> PoolShards, string DatasetId, VerificationSet Evaluation)
{
    /// <summary>
    /// Pairs on identities apart from the test pairs, measured after every epoch. When absent the test pairs stand
    /// in for them, so selection then sees the test pairs; the grid always gives them (an ingested test set's sweep
    /// names an ingested validation set).
    /// </summary>
    public VerificationSet? Validation { get; init; }

    /// <summary>Faces of any size (each model sees them at its own input size; labels are ignored), at least 3.</summary>
    public FaceSet? AgreementFaces { get; init; }

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
        if (Validation is not null && Validation.ImageSize != ImageSize)
        {
            throw new ArgumentException($"pool images are {ImageSize} px but validation images are {Validation.ImageSize} px", nameof(Validation));
        }
        if (AgreementFaces is not null && AgreementFaces.Count < 3)
        {
            throw new ArgumentException($"the agreement set has {AgreementFaces.Count} faces; comparing how faces are arranged needs at least 3", nameof(AgreementFaces));
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(DatasetId);
    }
}
