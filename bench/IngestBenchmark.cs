using System.Diagnostics;
using System.Globalization;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Storage;
using SkiaSharp;

namespace FaceKdGrid.Bench;

/// <summary>
/// `ingest`: writes an InsightFace-style train.rec/.idx of N small JPEG images in a temporary folder, then streams it
/// through <see cref="DatasetArtifacts.IngestFacesAsync"/> into a local artifact store, printing images/s and the
/// process's peak resident memory during the ingest (VmHWM, reset before it starts), which must stay under 1 GiB
/// whatever N is. The folder is deleted afterwards.
/// </summary>
internal static class IngestBenchmark
{
    public const int DefaultImages = 200_000;

    private const long PeakLimitBytes = 1L << 30;

    // Distinct encoded images cycled through the records: every record is still decoded on its own.
    private const int DistinctImages = 256;
    private const int Identities = 1_000;

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        TorchRuntime.Initialise(cpuThreads: settings.Threads);
        var images = settings.Images ?? DefaultImages;
        var report = new BenchReport("ingest", string.Create(CultureInfo.InvariantCulture,
            $"ingest: a train.rec of {images:N0} JPEG images ({settings.Size} px, {Identities:N0} identities) into a local artifact store, shards of {settings.ShardSize:N0}"),
            settings);
        var folder = Directory.CreateTempSubdirectory("facekd-bench-ingest-").FullName;
        try
        {
            var rec = Path.Combine(folder, "train.rec");
            var written = Stopwatch.StartNew();
            WriteRec(rec, images, settings.Size);
            var writeSeconds = written.Elapsed.TotalSeconds;

            var store = new LocalFolderArtifactStore(Path.Combine(folder, "artifacts"));
            var resetPeak = PeakMemory.Reset();
            var clock = Stopwatch.StartNew();
            var (index, ingestReport) = await DatasetArtifacts.IngestFacesAsync(store, "bench", new RecordIoReader(rec, settings.Size), settings.ShardSize);
            var seconds = clock.Elapsed.TotalSeconds;
            var peak = PeakMemory.ResidentBytes();

            var table = new TextTable("what", "value");
            table.Add(".rec written (not timed below)", string.Create(CultureInfo.InvariantCulture, $"{new FileInfo(rec).Length / 1e6:F0} MB in {writeSeconds:F1} s"));
            table.Add("images ingested / skipped", $"{BenchReport.Count(ingestReport.ImagesRead)} / {BenchReport.Count(ingestReport.Skipped.Count)}");
            table.Add("shards", BenchReport.Count(index.Shards.Count));
            table.Add("ingest time", BenchReport.Seconds(seconds));
            table.Add("images/s", BenchReport.Rate(ingestReport.ImagesRead / seconds));
            table.Add(resetPeak ? "peak resident memory during the ingest (VmHWM)" : "peak resident memory of the process (VmHWM; could not reset it)",
                string.Create(CultureInfo.InvariantCulture, $"{peak / (1024.0 * 1024):F0} MiB"));
            report.Add(table);
            report.Note(string.Create(CultureInfo.InvariantCulture,
                $"target: peak < {PeakLimitBytes / (1024 * 1024)} MiB: {(peak < PeakLimitBytes ? "met" : "NOT met")}; one shard of decoded images is {settings.ShardSize * 3L * settings.Size * settings.Size / 1e6:F1} MB"));
            report.Raw["images"] = ingestReport.ImagesRead;
            report.Raw["seconds"] = seconds;
            report.Raw["images_per_second"] = ingestReport.ImagesRead / seconds;
            report.Raw["peak_resident_bytes"] = peak;
            report.Raw["peak_reset_before_ingest"] = resetPeak;
            report.Finish(settings.OutFile);
            return peak < PeakLimitBytes ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Record 0 is the header InsightFace writes (image keys 1..N), then N images, then the identity records.</summary>
    private static void WriteRec(string rec, int images, int size)
    {
        var encoded = Enumerable.Range(0, DistinctImages).Select(seed => Jpeg(size, seed)).ToArray();
        using var writer = new RecordIoWriter(rec, Path.ChangeExtension(rec, ".idx"));
        writer.Write(0, RecordIoWriter.Pack([images + 1, images + 1 + Identities], []));
        for (var i = 0; i < images; i++)
        {
            writer.Write(i + 1, RecordIoWriter.Pack([i % Identities], encoded[i % DistinctImages]));
        }
        for (var identity = 0; identity < Identities; identity++)
        {
            writer.Write(images + 1 + identity, RecordIoWriter.Pack([0, 0], []));
        }
    }

    /// <summary>A smooth random picture (a face-like amount of JPEG data), different per seed.</summary>
    private static byte[] Jpeg(int size, int seed)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var (r, g, b) = (random.Next(256), random.Next(256), random.Next(256));
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(r + 4 * x), (byte)(g + 4 * y), (byte)(b + 2 * (x + y) + random.Next(16))));
            }
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
