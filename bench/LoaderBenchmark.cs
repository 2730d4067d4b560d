using System.Globalization;
using FaceKdGrid.Distillation.Augmentation;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Bench;

/// <summary>
/// `loader`: images/s that <see cref="FaceSetBatchSource"/> delivers (content replacement at strength 0.5 and random
/// flips on uint8 shards, normalised, on the device) against the student's training rate measured in the same run.
/// On an accelerator it measures shards resident on the device and shards in host memory copied per batch.
/// </summary>
internal static class LoaderBenchmark
{
    private const long Seed = 0;
    private const double TargetRatio = 2.0;

    public static int Run(BenchSettings settings)
    {
        var device = BenchDevice.Start(settings);
        var report = new BenchReport("loader", string.Create(CultureInfo.InvariantCulture,
            $"loader: {settings.PoolImages} random uint8 {settings.Size} px images in {BenchSettings.ShardCount} shards, batch {settings.Batch}, content replacement 0.5 + flip, {device.Device}, {settings.Threads} thread(s)"),
            settings);
        (string Description, string Key, Device Device)[] placements = device.IsCpu
            ? [("host memory", "host_resident", CPU)]
            : [("device memory", "device_resident", device.Device), ("host memory, copied per batch", "host_resident", CPU)];

        var loaderRates = placements.Select(_ => new List<double>()).ToArray();
        var trainingRates = new List<double>();
        for (var repeat = 0; repeat < settings.Repeats; repeat++)
        {
            for (var index = 0; index < placements.Length; index++)
            {
                loaderRates[index].Add(MeasureLoader(device, settings, placements[index].Device).ImagesPerSecond);
            }
            trainingRates.Add(MobileFaceNetTraining.MeasureLoop(device, settings).ImagesPerSecond);
        }

        var training = BenchReport.Median(trainingRates);
        var table = new TextTable("what", "images/s (median)", "each run", "vs training");
        foreach (var (placement, rates) in placements.Zip(loaderRates))
        {
            table.Add($"loader, shards in {placement.Description}", BenchReport.Rate(BenchReport.Median(rates)), string.Join(" ", rates.Select(BenchReport.Rate)),
                BenchReport.Ratio(BenchReport.Median(rates) / training));
            report.Raw[$"loader_{placement.Key}_images_per_second"] = BenchReport.Array(rates);
        }
        table.Add(string.Create(CultureInfo.InvariantCulture, $"student training, MobileFaceNet width {settings.Width} (TorchSharp loop)"),
            BenchReport.Rate(training), string.Join(" ", trainingRates.Select(BenchReport.Rate)), BenchReport.Ratio(1));
        report.Add(table);
        report.Note($"target: loader >= {TargetRatio:F0}x the training rate; each loader figure is the data path alone, measured apart from training");
        report.Raw["training_images_per_second"] = BenchReport.Array(trainingRates);
        report.Finish(settings.OutFile);
        return 0;
    }

    private static StepRate MeasureLoader(BenchDevice device, BenchSettings settings, Device placement)
    {
        var shards = RandomFaces.Shards(settings.PoolImages, settings.Size, Seed, placement);
        var augmentation = AugmentationFactory.Create(new AugmentationSettings(AugmentationMethod.ContentReplacement, 0.5));
        try
        {
            using var source = new FaceSetBatchSource(shards, settings.Batch, new TrialRandomness(Seed), device.Device, augmentation.Apply);
            void Load(int step)
            {
                using var scope = torch.NewDisposeScope();
                source.GetBatch(step / source.BatchesPerEpoch, step % source.BatchesPerEpoch);
            }

            for (var step = 0; step < settings.Warmup; step++)
            {
                Load(step);
            }
            var time = device.Time(() =>
            {
                for (var step = settings.Warmup; step < settings.Warmup + settings.Steps; step++)
                {
                    Load(step);
                }
            });
            return new StepRate(settings.Steps, settings.Batch, time);
        }
        finally
        {
            foreach (var shard in shards)
            {
                shard.Dispose();
            }
        }
    }
}
