using FaceKdGrid.Distillation.Data;
using SkiaSharp;
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

    [Theory]
    [InlineData(1, "left red, right blue")]
    [InlineData(3, "left blue, right red")]
    [InlineData(6, "top red, bottom blue")]
    [InlineData(8, "top blue, bottom red")]
    public void APhotoIsTurnedUprightAsItsExifOrientationSays(int orientation, string shown)
    {
        // Stored 16 x 8: the left half red, the right half blue; orientation 6 is shown turned a quarter clockwise.
        using var bitmap = new SKBitmap(16, 8, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 16; x++)
            {
                bitmap.SetPixel(x, y, x < 8 ? SKColors.Red : SKColors.Blue);
            }
        }
        using var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);

        Assert.True(FaceImageDecoder.TryDecode(WithExifOrientation(jpeg.ToArray(), orientation), 8, out var pixels, out var failure), failure);

        // Red plane of the 8 x 8 result: which quarter-corners are red.
        var redAt = (int x, int y) => pixels[y * 8 + x] > 128;
        var (left, right, top, bottom) = (redAt(1, 4), redAt(6, 4), redAt(4, 1), redAt(4, 6));
        var actual = orientation is 1 or 3
            ? $"left {(left ? "red" : "blue")}, right {(right ? "red" : "blue")}"
            : $"top {(top ? "red" : "blue")}, bottom {(bottom ? "red" : "blue")}";
        Assert.Equal(shown, actual);
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

    /// <summary>The JPEG with an EXIF block (APP1) holding only the orientation tag, right after the start marker.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, int orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF header, first IFD at 8
            0x00, 0x01, // one entry
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, (byte)orientation, 0x00, 0x00, // Orientation, SHORT, 1
            0x00, 0x00, 0x00, 0x00, // no next IFD
        ];
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        var length = payload.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }
}
