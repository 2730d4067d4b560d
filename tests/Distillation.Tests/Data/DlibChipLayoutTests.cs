using FaceKdGrid.Distillation.Data;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Data;

public sealed class DlibChipLayoutTests
{
    private const double Tolerance = 1e-3;

    [Fact]
    public void PointsAreDlibsMeanFaceWithAQuarterPaddingOnA150PixelChip()
    {
        // With padding 0.25 a mean-shape point m lands at 150 (0.25 + m) / 1.5 = 25 + 100 m pixels; e.g. the nose tip,
        // landmark 30 at (0.490127, 0.515625), lands at (74.0127, 76.5625).
        (double X, double Y)[] expected = [(47.5492, 46.5990), (100.4761, 46.5990), (74.0127, 76.5625), (50.4149, 103.0233), (97.6104, 103.0233)];

        var points = DlibChipLayout.TemplatePoints();

        Assert.Equal(150, DlibChipLayout.ChipSize);
        Assert.Equal(expected.Length, points.Count);
        foreach (var (point, want) in points.Zip(expected))
        {
            Assert.Equal(want.X, point.X, Tolerance);
            Assert.Equal(want.Y, point.Y, Tolerance);
        }
    }

    [Fact]
    public void TemplateScalesWithTheChip()
    {
        var full = DlibChipLayout.TemplatePoints(150);
        var half = DlibChipLayout.TemplatePoints(75);

        foreach (var (big, small) in full.Zip(half))
        {
            Assert.Equal(big.X / 2, small.X, 1e-9);
            Assert.Equal(big.Y / 2, small.Y, 1e-9);
        }
    }

    [Theory]
    [InlineData(150, 1.0823)]
    [InlineData(112, 1.4495)]
    public void AnArcFaceCropMapsOntoTheChipByEnlargingItAndMovingItUp(int cropSize, double scale)
    {
        var transform = DlibChipLayout.FromAlignedCrop(cropSize);

        // The eyes move from 0.46 to 0.31 of the side; the face is drawn about 1.08 times larger, barely turned.
        Assert.Equal(scale, transform.Scale, Tolerance);
        Assert.Equal(0.3180, transform.Angle * 180 / Math.PI, Tolerance);
        Assert.Equal(-6.616, transform.OffsetX, Tolerance);
        Assert.Equal(-29.506, transform.OffsetY, Tolerance);
        // The templates differ in shape too, so the points land near dlib's but not on them.
        foreach (var (mapped, dlib) in FaceAligner.TemplatePoints(cropSize).Select(transform.Apply).Zip(DlibChipLayout.TemplatePoints()))
        {
            Assert.True(Math.Abs(mapped.X - dlib.X) < 2.5 && Math.Abs(mapped.Y - dlib.Y) < 2.5, $"{mapped} is far from dlib's {dlib}");
        }
    }

    [Fact]
    public void TheInverseTransformUndoesIt()
    {
        var transform = new SimilarityTransform(Scale: 1.7, Angle: -0.4, OffsetX: 12.5, OffsetY: -30);
        var point = (X: 33.0, Y: 71.0);

        var back = transform.Inverse().Apply(transform.Apply(point));

        Assert.Equal(point.X, back.X, 1e-9);
        Assert.Equal(point.Y, back.Y, 1e-9);
        Assert.Equal(1 / 1.7, transform.Inverse().Scale, 1e-12);
    }
}
