namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// InsightFace verification sets (<c>lfw.bin</c>, <c>cfp_fp.bin</c>, <c>agedb_30.bin</c>...): a pickle of
/// <c>(bins, issame_list)</c> with 2N encoded images in pair order and N booleans, read with
/// <see cref="RestrictedPickle"/> and decoded with SkiaSharp. Every image must decode, or pairs would shift.
/// </summary>
public static class VerificationBinReader
{
    public static VerificationSet Read(string path, int imageSize, int foldCount = 10)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"verification file '{path}' does not exist", path);
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return Read(stream, imageSize, path, foldCount);
    }

    /// <param name="source">names the stream in error messages</param>
    public static VerificationSet Read(Stream stream, int imageSize, string source, int foldCount = 10)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageSize, 1);
        object? content;
        try
        {
            content = RestrictedPickle.Load(stream);
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException($"'{source}' is not a readable verification pickle: {error.Message}", error);
        }
        var (bins, isSame) = Unpack(content, source);
        var pixels = new List<byte[]>(bins.Count);
        for (var i = 0; i < bins.Count; i++)
        {
            if (!FaceImageDecoder.TryDecode(bins[i], imageSize, out var decoded, out var failure))
            {
                throw new InvalidDataException($"'{source}': image {i} (pair {i / 2}) cannot be decoded: {failure}");
            }
            pixels.Add(decoded);
        }
        return new VerificationSet(FaceSources.StackImages(pixels, imageSize), isSame, foldCount);
    }

    private static (IReadOnlyList<byte[]> Bins, IReadOnlyList<bool> IsSame) Unpack(object? content, string source)
    {
        if (content is not object?[] { Length: 2 } pair)
        {
            throw new InvalidDataException($"'{source}' must hold a tuple (bins, issame_list); it holds {Describe(content)}");
        }
        if (pair[0] is not List<object?> bins || bins.Any(b => b is not byte[]))
        {
            throw new InvalidDataException($"'{source}': bins must be a list of encoded images (bytes); got {Describe(pair[0])}");
        }
        if (pair[1] is not List<object?> flags || flags.Any(f => f is not bool))
        {
            throw new InvalidDataException($"'{source}': issame_list must be a list of booleans; got {Describe(pair[1])}");
        }
        if (bins.Count != 2 * flags.Count || flags.Count == 0)
        {
            throw new InvalidDataException($"'{source}': {flags.Count} pairs need {2 * flags.Count} images; the file has {bins.Count}");
        }
        return (bins.Cast<byte[]>().ToList(), flags.Cast<bool>().ToList());
    }

    private static string Describe(object? value) => value switch
    {
        null => "None",
        List<object?> list => $"a list of {list.Count} ({string.Join(", ", list.Select(v => v?.GetType().Name ?? "None").Distinct())})",
        object?[] tuple => $"a tuple of {tuple.Length}",
        _ => value.GetType().Name,
    };
}
