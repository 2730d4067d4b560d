using FaceKdGrid.Grains.Data;
using FaceKdGrid.Records;

namespace FaceKdGrid.GridTestSupport;

/// <summary>A registered shard of a labeled, imbalanced pool, every manifest field set, for tests of how the grid keeps it.</summary>
public static class TestShards
{
    public static RegisteredShard Registered(string dataset, int shard, int imageSize) => new()
    {
        Dataset = dataset,
        Shard = shard,
        Location = $"datasets/{dataset}/shard-{shard:D4}.bin",
        Manifest = new ShardManifest
        {
            Format = "facekd-shard-v1",
            Count = 4096,
            ImageSize = imageSize,
            HasLabels = true,
            IdentityCount = 400,
            MinImagesPerIdentity = 1,
            MaxImagesPerIdentity = 120,
            MeanImagesPerIdentity = 10.24,
            Balance = 0.93,
            ContentHash = "ab12",
        },
    };
}
