using SkiaSharp;

namespace FaceKdGrid.Distillation.Tests.Data;

/// <summary>Small encoded images with known pixels, and the channel-first bytes a decoder must produce from them.</summary>
internal static class TestImages
{
    /// <summary>A pattern unique to <paramref name="seed"/>: pixel (x, y) = (seed * 30, x * 8, y * 8), wrapped to bytes.</summary>
    public static (byte R, byte G, byte B) Pattern(int seed, int x, int y) => ((byte)(seed * 30), (byte)(x * 8), (byte)(y * 8));

    public static byte[] Png(int size, int seed) => Encode(size, seed, SKEncodedImageFormat.Png);

    public static byte[] Jpeg(int size, int seed) => Encode(size, seed, SKEncodedImageFormat.Jpeg);

    /// <summary>The R plane, then G, then B, of <see cref="Pattern"/> at <paramref name="size"/>.</summary>
    public static byte[] ChannelFirst(int size, int seed)
    {
        var plane = size * size;
        var pixels = new byte[3 * plane];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var (r, g, b) = Pattern(seed, x, y);
                pixels[y * size + x] = r;
                pixels[plane + y * size + x] = g;
                pixels[2 * plane + y * size + x] = b;
            }
        }
        return pixels;
    }

    private static byte[] Encode(int size, int seed, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var (r, g, b) = Pattern(seed, x, y);
                bitmap.SetPixel(x, y, new SKColor(r, g, b));
            }
        }
        using var data = bitmap.Encode(format, 95);
        return data.ToArray();
    }
}
