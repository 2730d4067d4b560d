using System.Diagnostics.CodeAnalysis;
using SkiaSharp;

namespace FaceKdGrid.Distillation.Data;

/// <summary>Decodes encoded images (JPEG, PNG, BMP, WebP, GIF) with SkiaSharp into square RGB crops, channel first.</summary>
public static class FaceImageDecoder
{
    // Far beyond any face image; stops a corrupt header from asking for gigabytes.
    private const long MaxDecodedPixels = 64L * 1024 * 1024;

    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <summary>
    /// Decodes <paramref name="encoded"/> and resizes it to <paramref name="size"/> x <paramref name="size"/> (an image
    /// already of that size is kept pixel for pixel). Pixels are 3 * size * size bytes: the R plane, then G, then B.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoded, int size, [NotNullWhen(true)] out byte[]? pixels, [NotNullWhen(false)] out string? failure)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        pixels = null;
        if (!TryDecodeFullSize(encoded, out var decoded, out failure))
        {
            return false;
        }
        using (decoded)
        {
            var (width, height) = (decoded.Width, decoded.Height);
            using var resized = width == size && height == size ? null : decoded.Resize(decoded.Info.WithSize(size, size), Sampling);
            if (resized is null && (width != size || height != size))
            {
                failure = $"resizing {width}x{height} to {size}x{size} failed";
                return false;
            }
            pixels = ToChannelFirst(resized ?? decoded);
            return true;
        }
    }

    /// <summary>
    /// Decodes <paramref name="encoded"/> at its own size, turned upright as its EXIF orientation says, into an RGBA
    /// (unpremultiplied) bitmap the caller disposes.
    /// </summary>
    internal static bool TryDecodeFullSize(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out SKBitmap? bitmap, [NotNullWhen(false)] out string? failure)
    {
        bitmap = null;
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            failure = encoded.IsEmpty ? "empty file" : "not a recognised image format";
            return false;
        }
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width < 1 || height < 1 || (long)width * height > MaxDecodedPixels)
        {
            failure = $"implausible image dimensions {width}x{height}";
            return false;
        }
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            decoded.Dispose();
            failure = result == SKCodecResult.IncompleteInput ? "truncated image data" : $"decoding failed ({result})";
            return false;
        }
        bitmap = ImageOrientation.Upright(decoded, codec.EncodedOrigin);
        failure = null;
        return true;
    }

    /// <summary>A square RGBA bitmap's pixels as the R plane, then G, then B.</summary>
    internal static byte[] ToChannelFirst(SKBitmap bitmap)
    {
        var size = bitmap.Width;
        if (bitmap.Height != size || bitmap.ColorType != SKColorType.Rgba8888)
        {
            throw new ArgumentException($"expected a square RGBA bitmap; got {bitmap.Width}x{bitmap.Height} {bitmap.ColorType}", nameof(bitmap));
        }
        ReadOnlySpan<byte> rgba = bitmap.GetPixelSpan();
        var plane = size * size;
        var pixels = new byte[3 * plane];
        for (var i = 0; i < plane; i++)
        {
            pixels[i] = rgba[4 * i];
            pixels[plane + i] = rgba[4 * i + 1];
            pixels[2 * plane + i] = rgba[4 * i + 2];
        }
        return pixels;
    }
}
