using TorchSharp;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// What the grid records about a shard: size, label availability, how the identities are spread, and the content
/// hash of its <see cref="FaceShard"/> bytes. Per-identity statistics are null when the shard is unlabeled.
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

    /// <summary>The manifest of <paramref name="faces"/> as a shard, hash included (computed without storing anything).</summary>
    public static ShardManifest Compute(FaceSet faces) => FaceShard.Write(Stream.Null, faces);

    internal static ShardManifest Describe(FaceSet faces, string contentHash)
    {
        var manifest = new ShardManifest
        {
            Format = FaceShard.Format,
            Count = faces.Count,
            ImageSize = faces.ImageSize,
            HasLabels = faces.HasLabels,
            IdentityCount = 0,
            ContentHash = contentHash,
        };
        if (faces.Labels is null || faces.Count == 0)
        {
            return manifest;
        }
        var counts = LabelCounts(faces.Labels);
        var entropy = counts.Sum(c => -(double)c / faces.Count * Math.Log((double)c / faces.Count));
        return manifest with
        {
            IdentityCount = counts.Length,
            MinImagesPerIdentity = (int)counts.Min(),
            MaxImagesPerIdentity = (int)counts.Max(),
            MeanImagesPerIdentity = (double)faces.Count / counts.Length,
            Balance = counts.Length == 1 ? 1 : entropy / Math.Log(counts.Length),
        };
    }

    private static long[] LabelCounts(torch.Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        var (_, _, counts) = torch.unique(labels.cpu(), return_counts: true);
        return counts!.data<long>().ToArray();
    }
}
