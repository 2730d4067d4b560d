namespace FaceKdGrid.Records;

/// <summary>
/// A shard as the engine describes it when it writes one and the grid records it: size, label availability, how the
/// identities are spread, and the content hash of its bytes. Per-identity statistics are null when the shard is unlabeled.
/// </summary>
public sealed record ShardManifest
{
    public required string Format { get; init; }

    public required int Count { get; init; }

    public required int ImageSize { get; init; }

    public required bool HasLabels { get; init; }

    /// <summary>Distinct labels present in the shard; 0 when unlabeled.</summary>
    public required int IdentityCount { get; init; }

    public int? MinImagesPerIdentity { get; init; }

    public int? MaxImagesPerIdentity { get; init; }

    public double? MeanImagesPerIdentity { get; init; }

    /// <summary>
    /// Normalised entropy of the label histogram, H / ln K over the K identities present: 1 when every identity has
    /// the same number of images (or there is only one), towards 0 as a few identities dominate.
    /// </summary>
    public double? Balance { get; init; }

    /// <summary>SHA-256 of the shard's bytes before its hash trailer, lowercase hex.</summary>
    public required string ContentHash { get; init; }
}
