using System.Runtime.InteropServices;
using SkiaSharp;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// Turns a decoded image the way its EXIF orientation says it is shown: phone cameras store photos as the sensor read
/// them and record the turn in a tag, so a photo taken upright may be stored lying on its side.
/// </summary>
internal static class ImageOrientation
{
    /// <summary>The upright image: <paramref name="stored"/> itself when it needs no turn, else a new bitmap (and
    /// <paramref name="stored"/> is disposed).</summary>
    public static SKBitmap Upright(SKBitmap stored, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return stored;
        }
        var (width, height) = (stored.Width, stored.Height);
        var swapsSides = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (uprightWidth, uprightHeight) = swapsSides ? (height, width) : (width, height);
        var upright = new SKBitmap(stored.Info.WithSize(uprightWidth, uprightHeight));
        ReadOnlySpan<uint> source = MemoryMarshal.Cast<byte, uint>(stored.GetPixelSpan());
        var target = MemoryMarshal.Cast<byte, uint>(upright.GetPixelSpan());
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                // Where stored pixel (x, y) is shown (EXIF orientations 2-8).
                var (shownX, shownY) = origin switch
                {
                    SKEncodedOrigin.TopRight => (width - 1 - x, y),
                    SKEncodedOrigin.BottomRight => (width - 1 - x, height - 1 - y),
                    SKEncodedOrigin.BottomLeft => (x, height - 1 - y),
                    SKEncodedOrigin.LeftTop => (y, x),
                    SKEncodedOrigin.RightTop => (height - 1 - y, x),
                    SKEncodedOrigin.RightBottom => (height - 1 - y, width - 1 - x),
                    SKEncodedOrigin.LeftBottom => (y, width - 1 - x),
                    _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "not an EXIF orientation"),
                };
                target[shownY * uprightWidth + shownX] = source[y * width + x];
            }
        }
        stored.Dispose();
        return upright;
    }
}
