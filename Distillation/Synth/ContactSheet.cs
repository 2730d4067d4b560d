using SkiaSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Synth;

/// <summary>Writes a grid of face crops to a PNG, enlarged with square pixels so that 32 px faces can be inspected.</summary>
public static class ContactSheet
{
    /// <summary>Tiles are enlarged by a whole factor until they are at least this many pixels wide.</summary>
    private const int MinimumTileSide = 96;
    private const int Gap = 2;

    /// <param name="images">uint8 [N, 3, S, S], RGB.</param>
    /// <param name="columns">Tiles per row; rows follow from N.</param>
    public static void Write(Tensor images, string pngPath, int columns)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentException.ThrowIfNullOrWhiteSpace(pngPath);
        if (images.dtype != ScalarType.Byte || images.dim() != 4 || images.shape[1] != 3 || images.shape[2] != images.shape[3] || images.shape[0] == 0)
        {
            throw new ArgumentException($"images must be a non-empty uint8 tensor [N, 3, S, S]; got {images.dtype} [{string.Join(", ", images.shape)}]", nameof(images));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);

        var count = (int)images.shape[0];
        var size = (int)images.shape[2];
        var scale = (MinimumTileSide + size - 1) / size;
        var tile = size * scale;
        var rows = (count + columns - 1) / columns;
        using var bitmap = new SKBitmap(columns * (tile + Gap) + Gap, rows * (tile + Gap) + Gap, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(SKColors.White);
        using var interleaved = images.permute(0, 2, 3, 1).contiguous().cpu();
        var rgb = interleaved.data<byte>().ToArray();
        var pixels = bitmap.GetPixelSpan();
        var stride = bitmap.RowBytes;
        for (var n = 0; n < count; n++)
        {
            var left = Gap + n % columns * (tile + Gap);
            var top = Gap + n / columns * (tile + Gap);
            for (var y = 0; y < tile; y++)
            {
                for (var x = 0; x < tile; x++)
                {
                    var source = ((n * size + y / scale) * size + x / scale) * 3;
                    var target = (top + y) * stride + (left + x) * 4;
                    pixels[target] = rgb[source];
                    pixels[target + 1] = rgb[source + 1];
                    pixels[target + 2] = rgb[source + 2];
                    pixels[target + 3] = 255;
                }
            }
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(pngPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        using var file = File.Create(pngPath);
        bitmap.Encode(file, SKEncodedImageFormat.Png, 100);
    }
}
