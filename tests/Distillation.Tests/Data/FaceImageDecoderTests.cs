using FaceKdGrid.Distillation.Data;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Data;

public sealed class FaceImageDecoderTests
{
    [Fact]
    public void AnImageAtTheTargetSizeIsKeptPixelForPixelChannelFirst()
    {
        Assert.True(FaceImageDecoder.TryDecode(TestImages.Png(12, 3), 12, out var pixels, out var failure), failure);
        Assert.Equal(TestImages.ChannelFirst(12, 3), pixels);
    }

    [Fact]
    public void OtherSizesAreResizedToTheSquare()
    {
        Assert.True(FaceImageDecoder.TryDecode(TestImages.Png(30, 2), 10, out var pixels, out _));
        Assert.Equal(300, pixels.Length);
        // The red channel of the pattern is constant, so resizing keeps it; green grows along x and must still grow.
        Assert.All(pixels.Take(100), red => Assert.Equal(60, red));
        Assert.True(pixels[100 + 9] > pixels[100] + 150);
        Assert.True(pixels[200 + 90] > pixels[200] + 150);
    }

    [Fact]
    public void JpegDecodesCloseToItsPixels()
    {
        Assert.True(FaceImageDecoder.TryDecode(TestImages.Jpeg(16, 4), 16, out var pixels, out _));
        var expected = TestImages.ChannelFirst(16, 4);
        var meanError = pixels.Zip(expected, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 4, $"mean absolute error {meanError}");
    }

    [Fact]
    public void UndecodableBytesGiveAReason()
    {
        Assert.False(FaceImageDecoder.TryDecode("not an image"u8, 8, out _, out var garbage));
        Assert.Equal("not a recognised image format", garbage);

        var png = TestImages.Png(32, 1);
        Assert.False(FaceImageDecoder.TryDecode(png.AsSpan(0, png.Length / 2), 8, out _, out var truncated));
        Assert.False(string.IsNullOrEmpty(truncated));

        Assert.False(FaceImageDecoder.TryDecode([], 8, out _, out var empty));
        Assert.Equal("empty file", empty);
    }
}
