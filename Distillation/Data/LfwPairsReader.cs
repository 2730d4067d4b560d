using System.Globalization;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// LFW's <c>pairs.txt</c> with its image folder (<c>name/name_0001.jpg</c>). The header line gives the fold count and
/// the pairs per fold; each fold then lists that many matched pairs (<c>name n1 n2</c>) and as many mismatched pairs
/// (<c>name1 n1 name2 n2</c>). Images are decoded with SkiaSharp and resized to the square size; a missing or
/// undecodable image is an error, since skipping it would break its pair.
/// </summary>
public static class LfwPairsReader
{
    public static VerificationSet Read(string pairsPath, string imageFolder, int imageSize, string imageExtension = ".jpg")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pairsPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(imageFolder);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageSize, 1);
        if (!File.Exists(pairsPath))
        {
            throw new FileNotFoundException($"pairs file '{pairsPath}' does not exist", pairsPath);
        }
        if (!Directory.Exists(imageFolder))
        {
            throw new DirectoryNotFoundException($"LFW image folder '{imageFolder}' does not exist");
        }

        var lines = File.ReadAllLines(pairsPath)
            .Select((text, index) => (Text: text.Trim(), Number: index + 1))
            .Where(line => line.Text.Length > 0)
            .ToList();
        if (lines.Count == 0)
        {
            throw new InvalidDataException($"'{pairsPath}' is empty");
        }
        var (folds, pairsPerFold) = ParseHeader(lines[0].Text, pairsPath);
        var expected = 2L * folds * pairsPerFold;
        if (lines.Count - 1 != expected)
        {
            throw new InvalidDataException($"'{pairsPath}': the header promises {folds} folds of {pairsPerFold} matched + {pairsPerFold} mismatched pairs ({expected} lines) but {lines.Count - 1} pair lines follow");
        }

        var decoded = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var pixels = new List<byte[]>(2 * (lines.Count - 1));
        var isSame = new List<bool>(lines.Count - 1);
        foreach (var (text, number) in lines.Skip(1))
        {
            var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var (first, second, same) = fields.Length switch
            {
                3 => ((fields[0], Index(fields[1])), (fields[0], Index(fields[2])), true),
                4 => ((fields[0], Index(fields[1])), (fields[2], Index(fields[3])), false),
                _ => throw new InvalidDataException($"'{pairsPath}' line {number}: expected 'name n1 n2' or 'name1 n1 name2 n2', got \"{text}\""),
            };
            pixels.Add(Load(first));
            pixels.Add(Load(second));
            isSame.Add(same);

            int Index(string field) => int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new InvalidDataException($"'{pairsPath}' line {number}: '{field}' is not an image number");

            byte[] Load((string Name, int Number) image)
            {
                var path = Path.Combine(imageFolder, image.Name, $"{image.Name}_{image.Number:D4}{imageExtension}");
                if (!decoded.TryGetValue(path, out var face))
                {
                    face = DecodeFile(path, imageSize, pairsPath, number);
                    decoded[path] = face;
                }
                return face;
            }
        }
        return new VerificationSet(FaceSources.StackImages(pixels, imageSize), isSame, folds);
    }

    private static (int Folds, int PairsPerFold) ParseHeader(string header, string pairsPath)
    {
        var fields = header.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 2
            && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var folds) && folds > 0
            && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pairsPerFold) && pairsPerFold > 0)
        {
            return (folds, pairsPerFold);
        }
        throw new InvalidDataException($"'{pairsPath}': the first line must be 'folds pairsPerFold' (e.g. '10 300'); got \"{header}\"");
    }

    private static byte[] DecodeFile(string path, int imageSize, string pairsPath, int lineNumber)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"image '{path}' named on line {lineNumber} of '{pairsPath}' does not exist", path);
        }
        if (!FaceImageDecoder.TryDecode(File.ReadAllBytes(path), imageSize, out var pixels, out var failure))
        {
            throw new InvalidDataException($"image '{path}' named on line {lineNumber} of '{pairsPath}' cannot be decoded: {failure}");
        }
        return pixels;
    }
}
