using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Data;

public sealed class ShardManifestTests
{
    public ShardManifestTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public void LabelStatisticsDescribeTheIdentities()
    {
        using var faces = new FaceSet(torch.zeros([6, 3, 4, 4], dtype: torch.ScalarType.Byte), torch.tensor(new long[] { 7, 7, 7, 2, 9, 9 }));
        var manifest = FaceShard.Manifest(faces);

        Assert.Equal(FaceShard.Format, manifest.Format);
        Assert.Equal(6, manifest.Count);
        Assert.Equal(4, manifest.ImageSize);
        Assert.True(manifest.HasLabels);
        Assert.Equal(3, manifest.IdentityCount);
        Assert.Equal(1, manifest.MinImagesPerIdentity);
        Assert.Equal(3, manifest.MaxImagesPerIdentity);
        Assert.Equal(2.0, manifest.MeanImagesPerIdentity);
        // Shares 3/6, 1/6 and 2/6.
        var entropy = -(0.5 * Math.Log(0.5) + (1.0 / 6) * Math.Log(1.0 / 6) + (2.0 / 6) * Math.Log(2.0 / 6));
        Assert.Equal(entropy / Math.Log(3), manifest.Balance!.Value, 12);
        Assert.Equal(64, manifest.ContentHash.Length);
    }

    [Fact]
    public void BalanceIsOneForEvenIdentitiesAndLowForASkewedSet()
    {
        using var even = new FaceSet(torch.zeros([6, 3, 4, 4], dtype: torch.ScalarType.Byte), torch.tensor(new long[] { 0, 1, 2, 0, 1, 2 }));
        Assert.Equal(1.0, FaceShard.Manifest(even).Balance!.Value, 12);

        var skewedLabels = Enumerable.Repeat(0L, 97).Concat([1L, 2L, 3L]).ToArray();
        using var skewed = new FaceSet(torch.zeros([100, 3, 4, 4], dtype: torch.ScalarType.Byte), torch.tensor(skewedLabels));
        Assert.InRange(FaceShard.Manifest(skewed).Balance!.Value, 0, 0.15);
    }

    [Fact]
    public void UnlabeledShardsHaveNoIdentityStatistics()
    {
        using var faces = new FaceSet(torch.zeros([3, 3, 4, 4], dtype: torch.ScalarType.Byte));
        var manifest = FaceShard.Manifest(faces);
        Assert.False(manifest.HasLabels);
        Assert.Equal(0, manifest.IdentityCount);
        Assert.Null(manifest.MinImagesPerIdentity);
        Assert.Null(manifest.MaxImagesPerIdentity);
        Assert.Null(manifest.MeanImagesPerIdentity);
        Assert.Null(manifest.Balance);
    }
}
