using System.Globalization;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// Writes faces as ordinary image files other tools (and <see cref="ImageFolderReader"/> / <see cref="LfwPairsReader"/>)
/// read: PNG files in an identity-per-folder tree, a flat folder, or LFW's pairs.txt layout.
/// </summary>
public static class FaceImageFiles
{
    /// <summary>Labeled sets go to "{folder}/id{label:00000}/id{label:00000}_{k:0000}.png"; unlabeled ones to "{folder}/{i:000000}.png".</summary>
    public static void WriteFolder(FaceSet faces, string folder)
    {
        Directory.CreateDirectory(folder);
        var labels = faces.Labels?.data<long>().ToArray();
        var perIdentity = new Dictionary<long, int>();
        for (var i = 0; i < faces.Count; i++)
        {
            using var scope = torch.NewDisposeScope();
            if (labels is null)
            {
                WritePng(faces.Images[i], Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{i:D6}.png")));
                continue;
            }
            var name = IdentityName(labels[i]);
            var number = perIdentity[labels[i]] = perIdentity.GetValueOrDefault(labels[i]) + 1;
            Directory.CreateDirectory(Path.Combine(folder, name));
            WritePng(faces.Images[i], Path.Combine(folder, name, string.Create(CultureInfo.InvariantCulture, $"{name}_{number:D4}.png")));
        }
    }

    /// <summary>
    /// Verification pairs in LFW's layout: "{folder}/pairs.txt" and "{folder}/images/NAME/NAME_NNNN.png", given each
    /// image's identity. Pairs must come as LFW orders them (per fold: matched, then as many mismatched).
    /// </summary>
    public static void WriteLfwPairs(VerificationSet pairs, IReadOnlyList<int> imageIdentities, string folder)
    {
        if (imageIdentities.Count != 2 * pairs.PairCount)
        {
            throw new ArgumentException($"need one identity per image ({2 * pairs.PairCount}); got {imageIdentities.Count}", nameof(imageIdentities));
        }
        var perFold = pairs.PairCount / pairs.FoldCount / 2;
        if (perFold * 2 * pairs.FoldCount != pairs.PairCount)
        {
            throw new ArgumentException($"{pairs.PairCount} pairs do not split into {pairs.FoldCount} folds of matched + mismatched halves", nameof(pairs));
        }
        var images = Path.Combine(folder, "images");
        var counts = new Dictionary<int, int>();
        var lines = new List<string> { string.Create(CultureInfo.InvariantCulture, $"{pairs.FoldCount}\t{perFold}") };
        for (var p = 0; p < pairs.PairCount; p++)
        {
            using var scope = torch.NewDisposeScope();
            var (first, firstNumber) = Save(2 * p);
            var (second, secondNumber) = Save(2 * p + 1);
            var expectedSame = p / perFold % 2 == 0;
            if (pairs.IsSame[p] != expectedSame)
            {
                throw new ArgumentException($"pair {p} breaks LFW's order (per fold {perFold} matched, then {perFold} mismatched)", nameof(pairs));
            }
            lines.Add(pairs.IsSame[p]
                ? string.Create(CultureInfo.InvariantCulture, $"{first}\t{firstNumber}\t{secondNumber}")
                : string.Create(CultureInfo.InvariantCulture, $"{first}\t{firstNumber}\t{second}\t{secondNumber}"));
        }
        File.WriteAllLines(Path.Combine(folder, "pairs.txt"), lines);

        (string Name, int Number) Save(int image)
        {
            var identity = imageIdentities[image];
            var name = IdentityName(identity);
            var number = counts[identity] = counts.GetValueOrDefault(identity) + 1;
            Directory.CreateDirectory(Path.Combine(images, name));
            WritePng(pairs.Images[image], Path.Combine(images, name, string.Create(CultureInfo.InvariantCulture, $"{name}_{number:D4}.png")));
            return (name, number);
        }
    }

    /// <param name="image">uint8 [3, S, S], RGB.</param>
    public static void WritePng(Tensor image, string path)
    {
        var size = (int)image.shape[2];
        using var interleaved = image.permute(1, 2, 0).contiguous().cpu();
        var rgb = interleaved.data<byte>().ToArray();
        using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var pixels = bitmap.GetPixelSpan();
        for (var i = 0; i < size * size; i++)
        {
            pixels[4 * i] = rgb[3 * i];
            pixels[4 * i + 1] = rgb[3 * i + 1];
            pixels[4 * i + 2] = rgb[3 * i + 2];
            pixels[4 * i + 3] = 255;
        }
        using var file = File.Create(path);
        bitmap.Encode(file, SKEncodedImageFormat.Png, 100);
    }

    private static string IdentityName(long label) => string.Create(CultureInfo.InvariantCulture, $"id{label:D5}");
}
