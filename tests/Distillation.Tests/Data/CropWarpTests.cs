using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Data;

public sealed class CropWarpTests
{
    [Theory]
    [InlineData(112)]
    [InlineData(150)]
    [InlineData(224)]
    public void MarksAtTheArcFaceTemplateLandOnTheDlibChipWhereTheFittedTransformPutsThem(int cropSize)
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var scope = torch.NewDisposeScope();
        var template = FaceAligner.TemplatePoints(cropSize);
        var transform = DlibChipLayout.FromAlignedCrop(cropSize);
        // One crop per point, batched: a soft spot on a zero background, so each chip's intensity centroid is the spot.
        var crops = torch.cat(template.Select(point => Spot(cropSize, point, sigma: cropSize / 40.0)).ToArray(), 0);

        var chips = CropWarp.Warp(crops, transform, DlibChipLayout.ChipSize);

        Assert.Equal(new long[] { template.Count, 3, 150, 150 }, chips.shape);
        var dlib = DlibChipLayout.TemplatePoints();
        for (var i = 0; i < template.Count; i++)
        {
            var (x, y) = Centroid(chips[i][0]);
            var expected = transform.Apply(template[i]);
            Assert.True(Math.Abs(x - expected.X) < 0.25 && Math.Abs(y - expected.Y) < 0.25, $"point {i} landed at ({x:F2}, {y:F2}), expected {expected}");
            Assert.True(Math.Abs(x - dlib[i].X) < 2.5 && Math.Abs(y - dlib[i].Y) < 2.5, $"point {i} landed at ({x:F2}, {y:F2}), dlib's is {dlib[i]}");
        }
    }

    [Fact]
    public void TheIdentityKeepsTheCrop()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var scope = torch.NewDisposeScope();
        var crops = torch.rand(2, 3, 20, 20);

        var same = CropWarp.Warp(crops, new SimilarityTransform(1, 0, 0, 0), 20);

        Assert.True(same.allclose(crops, rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void ShrinkingAveragesInsteadOfAliasing()
    {
        // A one-pixel checkerboard of -1 and 1 shrunk to a third is mid grey everywhere once antialiased; plain bilinear
        // sampling would pick up single pixels and keep values near +-1.
        TorchRuntime.Initialise(cpuThreads: 1);
        using var scope = torch.NewDisposeScope();
        var rows = torch.arange(90).view(90, 1);
        var checkerboard = rows.add(rows.t()).remainder(2).mul(2).sub(1).to_type(ScalarType.Float32).expand(1, 3, 90, 90);

        var small = CropWarp.Warp(checkerboard, new SimilarityTransform(1 / 3.0, 0, 0, 0), 30);

        Assert.True(small.abs().max().item<float>() < 0.2f, $"largest value {small.abs().max().item<float>()}");
    }

    [Fact]
    public void RejectsCropsThatAreNotSquareFloatingPoint()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var scope = torch.NewDisposeScope();
        var identity = new SimilarityTransform(1, 0, 0, 0);

        var notSquare = Assert.Throws<ArgumentException>(() => CropWarp.Warp(torch.zeros(1, 3, 10, 12), identity, 10));
        var bytes = Assert.Throws<ArgumentException>(() => CropWarp.Warp(torch.zeros(1, 3, 10, 10, ScalarType.Byte), identity, 10));
        var flat = Assert.Throws<ArgumentException>(() => CropWarp.Warp(torch.zeros(1, 3, 10, 10), new SimilarityTransform(0, 0, 0, 0), 10));

        Assert.Equal("crops", notSquare.ParamName);
        Assert.Equal("crops", bytes.ParamName);
        Assert.Equal("cropToOutput", flat.ParamName);
    }

    /// <summary>[1, 3, S, S]: a Gaussian spot centred on a continuous-coordinate point (pixel centres at i + 0.5).</summary>
    private static Tensor Spot(int size, (double X, double Y) centre, double sigma)
    {
        var coordinates = torch.arange(size, dtype: ScalarType.Float64).add(0.5);
        var dx = coordinates.sub(centre.X).pow(2).view(1, size);
        var dy = coordinates.sub(centre.Y).pow(2).view(size, 1);
        var spot = dx.add(dy).div(-2 * sigma * sigma).exp().to_type(ScalarType.Float32);
        return spot.expand(1, 3, size, size).contiguous();
    }

    private static (double X, double Y) Centroid(Tensor image)
    {
        var size = image.shape[0];
        var coordinates = torch.arange(size, dtype: ScalarType.Float64).add(0.5);
        var weights = image.to_type(ScalarType.Float64);
        var total = weights.sum().item<double>();
        var x = weights.sum([0]).mul(coordinates).sum().item<double>() / total;
        var y = weights.sum([1]).mul(coordinates).sum().item<double>() / total;
        return (x, y);
    }
}
