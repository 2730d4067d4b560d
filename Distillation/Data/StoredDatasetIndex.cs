namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// The index of a data set materialised in the artifact store, written after its shards (so its presence means
/// the data set is complete). <see cref="Kind"/> is "faces" (a pool or labeled set) or "pairs" (verification pairs,
/// stored as one shard whose labels say, per image, whether its pair matches).
/// </summary>
public sealed record StoredDatasetIndex(string DatasetId, string Kind, int FoldCount, IReadOnlyList<StoredShard> Shards)
{
    public const string FacesKind = "faces";
    public const string PairsKind = "pairs";

    public int Count => Shards.Sum(s => s.Manifest.Count);
}
