using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using SkiaSharp;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Data;

public sealed class FaceAlignerTests
{
    private const double Tolerance = 1e-4;

    [Fact]
    public void FitRecoversAnExactSimilarityTransform()
    {
        var known = new SimilarityTransform(Scale: 2.75, Angle: -0.6, OffsetX: 310.5, OffsetY: 142.25);
        var template = FaceAligner.TemplatePoints(112);

        var fitted = SimilarityTransform.Fit(template, template.Select(known.Apply).ToArray());

        Assert.Equal(known.Scale, fitted.Scale, Tolerance);
        Assert.Equal(known.Angle, fitted.Angle, Tolerance);
        Assert.Equal(known.OffsetX, fitted.OffsetX, Tolerance);
        Assert.Equal(known.OffsetY, fitted.OffsetY, Tolerance);
    }

    [Fact]
    public void EstimatedTransformTakesDetectedPointsOntoTheTemplate()
    {
        var photoFromTemplate = new SimilarityTransform(Scale: 0.8, Angle: 0.35, OffsetX: 57, OffsetY: -3);
        var template = FaceAligner.TemplatePoints(150);
        var detected = template.Select(photoFromTemplate.Apply).ToArray();

        var toCrop = FaceAligner.EstimateTransform(detected, 150);

        Assert.Equal(1 / 0.8, toCrop.Scale, Tolerance);
        Assert.Equal(-0.35, toCrop.Angle, Tolerance);
        foreach (var (point, expected) in detected.Select(toCrop.Apply).Zip(template))
        {
            Assert.Equal(expected.X, point.X, Tolerance);
            Assert.Equal(expected.Y, point.Y, Tolerance);
        }
    }

    [Fact]
    public void MarkedSpotsLandWhereTheTemplatePutsThem()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        const int cropSize = 64;
        // The face sits in the photo turned by 0.3 rad and enlarged 1.5x, away from the origin.
        var photoFromTemplate = new SimilarityTransform(Scale: 1.5, Angle: 0.3, OffsetX: 60, OffsetY: 25);
        var template = FaceAligner.TemplatePoints(cropSize);
        var detected = template.Select(photoFromTemplate.Apply).ToArray();
        using var photo = PhotoWithSpots(200, 160, (detected[0], SKColors.Lime), (detected[2], SKColors.Red));

        using var scope = torch.NewDisposeScope();
        var crop = FaceAligner.Align(photo, detected, cropSize);

        Assert.Equal(ScalarType.Byte, crop.dtype);
        Assert.Equal(new long[] { 3, cropSize, cropSize }, crop.shape);
        AssertSpotAt(crop, channel: 1, template[0]);
        AssertSpotAt(crop, channel: 0, template[2]);
    }

    [Fact]
    public void BadPointsAreRejectedNamingTheParameter()
    {
        var four = FaceAligner.TemplatePoints(112).Take(4).ToArray();
        Assert.Equal("points", Assert.Throws<ArgumentException>(() => FaceAligner.EstimateTransform(four, 112)).ParamName);
        var coincident = Enumerable.Repeat((10.0, 20.0), 5).ToArray();
        Assert.Equal("from", Assert.Throws<ArgumentException>(() => FaceAligner.EstimateTransform(coincident, 112)).ParamName);
    }

    /// <summary>A grey photo with a small bright disc of one colour at each given point.</summary>
    private static SKImage PhotoWithSpots(int width, int height, params ((double X, double Y) At, SKColor Colour)[] spots)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(40, 40, 40));
            foreach (var (at, colour) in spots)
            {
                using var paint = new SKPaint { Color = colour, IsAntialias = true };
                canvas.DrawCircle((float)at.X, (float)at.Y, 3, paint);
            }
        }
        return SKImage.FromBitmap(bitmap);
    }

    /// <summary>The brightness-weighted centre of the pixels where only <paramref name="channel"/> is bright.</summary>
    private static void AssertSpotAt(Tensor crop, int channel, (double X, double Y) expected)
    {
        var size = (int)crop.shape[1];
        var planes = crop.to_type(ScalarType.Float32).data<float>().ToArray();
        double weight = 0, x = 0, y = 0;
        for (var i = 0; i < size * size; i++)
        {
            var own = planes[channel * size * size + i] - 40;
            var others = Enumerable.Range(0, 3).Where(c => c != channel).Max(c => planes[c * size * size + i]) - 40;
            if (own > 40 && others < 20)
            {
                weight += own;
                // A pixel's centre is half a pixel in from its corner.
                x += own * (i % size + 0.5);
                y += own * (i / size + 0.5);
            }
        }
        Assert.True(weight > 0, $"no spot in channel {channel}");
        Assert.True(Math.Abs(x / weight - expected.X) < 0.5 && Math.Abs(y / weight - expected.Y) < 0.5,
            $"spot in channel {channel} at ({x / weight:F2}, {y / weight:F2}); the template puts it at ({expected.X:F2}, {expected.Y:F2})");
    }
}
