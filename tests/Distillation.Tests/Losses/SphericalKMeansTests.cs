using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Losses;

public sealed class SphericalKMeansTests
{
    public SphericalKMeansTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    /// <summary>Points around three orthogonal directions in 8-d, at random lengths (cosine k-means ignores length).</summary>
    private static torch.Tensor ThreeClusters(int pointsPerCluster)
    {
        var generator = new torch.Generator(11);
        var count = 3 * pointsPerCluster;
        using var directions = torch.eye(3, 8);
        using var membership = torch.arange(3, dtype: torch.int64).repeat(pointsPerCluster);
        using var centres = directions.index_select(0, membership);
        using var noise = torch.randn([count, 8], generator: generator).mul_(0.05);
        using var lengths = torch.rand([count, 1], generator: generator).add_(0.5);
        return centres.add(noise).mul_(lengths);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(200)] // more than 32 points per cluster: seeding runs on a sample
    public void RecoversWellSeparatedClustersAsUnitCentres(int pointsPerCluster)
    {
        using var points = ThreeClusters(pointsPerCluster);

        using var centres = SphericalKMeans.Fit(points, clusterCount: 3, iterations: 20, seed: 5);

        Assert.Equal(new long[] { 3, 8 }, centres.shape);
        using var norms = centres.norm(1);
        Assert.True(norms.sub(1).abs().max().item<float>() < 1e-5);
        using var truth = torch.eye(3, 8);
        using var bestMatch = truth.matmul(centres.t()).max(1).values;
        Assert.True(bestMatch.min().item<float>() > 0.99, "every true direction has a centre within ~8 degrees");
    }

    [Fact]
    public void IsDeterministicGivenTheSeed()
    {
        using var points = torch.randn([50, 6], generator: new torch.Generator(2));

        using var first = SphericalKMeans.Fit(points, 5, 10, seed: 9);
        using var second = SphericalKMeans.Fit(points, 5, 10, seed: 9);
        using var other = SphericalKMeans.Fit(points, 5, 10, seed: 10);

        Assert.True(first.eq(second).all().item<bool>());
        Assert.False(first.eq(other).all().item<bool>());
    }

    [Fact]
    public void EmptyClustersAreReseededRatherThanLeftAsZeroRows()
    {
        // Two distinct points, each twice: a third centre must duplicate one of them, so a cluster empties.
        using var points = torch.tensor(new float[] { 1, 0, 1, 0, 0, 1, 0, 1 }).reshape(4, 2);

        using var centres = SphericalKMeans.Fit(points, clusterCount: 3, iterations: 5, seed: 1);

        using var norms = centres.norm(1);
        Assert.True(norms.sub(1).abs().max().item<float>() < 1e-5);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        using var points = torch.randn(4, 2);
        using var vector = torch.randn(4);

        Assert.Equal("clusterCount", Assert.Throws<ArgumentOutOfRangeException>(() => SphericalKMeans.Fit(points, 5, 3, 0)).ParamName);
        Assert.Equal("clusterCount", Assert.Throws<ArgumentOutOfRangeException>(() => SphericalKMeans.Fit(points, 0, 3, 0)).ParamName);
        Assert.Equal("iterations", Assert.Throws<ArgumentOutOfRangeException>(() => SphericalKMeans.Fit(points, 2, -1, 0)).ParamName);
        Assert.Equal("points", Assert.Throws<ArgumentException>(() => SphericalKMeans.Fit(vector, 2, 3, 0)).ParamName);
    }
}
