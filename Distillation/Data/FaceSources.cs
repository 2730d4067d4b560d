using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Data;

/// <summary>Reading face sources into tensors: whole (for small sets) or in batches (for shards).</summary>
public static class FaceSources
{
    /// <summary>Reads every face of <paramref name="source"/> into one <see cref="FaceSet"/>; fails if none decodes.</summary>
    public static IngestedFaces ReadAll(this IFaceSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var report = new IngestReport(source.Location);
        var samples = source.ReadFaces(report).ToList();
        if (samples.Count == 0)
        {
            throw NothingDecoded(report);
        }
        return new IngestedFaces(ToFaceSet(samples, source.ImageSize, source.HasLabels), report);
    }

    /// <summary>uint8 [N, 3, S, S] from N channel-first pixel arrays of 3 * S * S bytes.</summary>
    internal static Tensor StackImages(IReadOnlyList<byte[]> pixels, int size)
    {
        var images = torch.empty([pixels.Count, 3, size, size], dtype: ScalarType.Byte);
        for (var i = 0; i < pixels.Count; i++)
        {
            if (pixels[i].Length != 3 * size * size)
            {
                images.Dispose();
                throw new ArgumentException($"image {i} has {pixels[i].Length} bytes; a {size}x{size} RGB crop has {3 * size * size}", nameof(pixels));
            }
            using var row = images[i];
            row.bytes = pixels[i];
        }
        return images;
    }

    internal static FaceSet ToFaceSet(IReadOnlyList<FaceSample> samples, int size, bool hasLabels)
    {
        var images = StackImages(samples.Select(s => s.Pixels).ToList(), size);
        var labels = hasLabels
            ? torch.tensor(samples.Select(s => s.Label ?? throw new InvalidOperationException("a labeled source produced a sample without a label")).ToArray())
            : null;
        return new FaceSet(images, labels);
    }

    /// <summary>Decodes one encoded image for a source, counting it as read or recording why it was skipped.</summary>
    internal static FaceSample? DecodeCounted(ReadOnlySpan<byte> encoded, int size, long? label, string item, IngestReport report)
    {
        if (!FaceImageDecoder.TryDecode(encoded, size, out var pixels, out var failure))
        {
            report.Skip(item, failure);
            return null;
        }
        report.CountRead();
        return new FaceSample(pixels, label);
    }

    internal static InvalidDataException NothingDecoded(IngestReport report) =>
        new($"no decodable images in '{report.Source}' ({report.Skipped.Count} skipped{(report.Skipped.Count > 0 ? $", first: {report.Skipped[0].Item}: {report.Skipped[0].Reason}" : "")})");
}
