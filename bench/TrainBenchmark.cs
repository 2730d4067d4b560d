using System.Globalization;
using System.Text.Json.Nodes;

namespace FaceKdGrid.Bench;

/// <summary>
/// `train`: MobileFaceNet training steps per second in TorchSharp (a plain loop, and the engine's Trainer) against
/// the same model in PyTorch (bench/peers/train_mobilefacenet.py) on the same device, batch and threads.
/// </summary>
internal static class TrainBenchmark
{
    private const int ParameterMismatchExitCode = 1;

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        var device = BenchDevice.Start(settings);
        var peer = new PythonPeer(settings.Python, "train_mobilefacenet.py");
        var report = new BenchReport("train", string.Create(CultureInfo.InvariantCulture,
            $"train: MobileFaceNet width {settings.Width}, {settings.Size} px, batch {settings.Batch}, {device.Device}, {settings.Threads} thread(s), {settings.Steps} steps after {settings.Warmup} warm-up, random data"),
            settings);
        var parameters = MobileFaceNetTraining.CountParameters(settings);

        var loop = new List<StepRate>();
        var trainer = new List<StepRate>();
        var python = new List<JsonObject>();
        for (var repeat = 0; repeat < settings.Repeats; repeat++)
        {
            loop.Add(MobileFaceNetTraining.MeasureLoop(device, settings));
            trainer.Add(await MobileFaceNetTraining.MeasureTrainerAsync(device, settings));
            python.Add(peer.Run(Arguments(settings)));
        }

        var pythonRates = python.Select(run => run["images_per_second"]!.GetValue<double>()).ToList();
        var pythonCpuRates = python.Select(run => run["images_per_cpu_second"]!.GetValue<double>()).ToList();
        var pythonParameters = python[0]["parameters"]!.GetValue<long>();
        var pythonName = python[0]["framework"]!.GetValue<string>();
        var table = new TextTable("runner", "parameters", "images/s (median)", "each run", "vs PyTorch", "images/CPU-s (median)", "vs PyTorch (CPU)");
        void Row(string runner, long count, IReadOnlyList<double> rates, IReadOnlyList<double> cpuRates) => table.Add(runner, BenchReport.Count(count),
            BenchReport.Rate(BenchReport.Median(rates)), string.Join(" ", rates.Select(BenchReport.Rate)), BenchReport.Ratio(BenchReport.Median(rates) / BenchReport.Median(pythonRates)),
            BenchReport.Rate(BenchReport.Median(cpuRates)), BenchReport.Ratio(BenchReport.Median(cpuRates) / BenchReport.Median(pythonCpuRates)));
        Row($"TorchSharp {report.Raw["torchsharp"]}, plain loop", parameters, [.. loop.Select(rate => rate.ImagesPerSecond)], [.. loop.Select(rate => rate.ImagesPerCpuSecond)]);
        Row("TorchSharp, engine Trainer", parameters, [.. trainer.Select(rate => rate.ImagesPerSecond)], [.. trainer.Select(rate => rate.ImagesPerCpuSecond)]);
        Row(pythonName, pythonParameters, pythonRates, pythonCpuRates);
        report.Add(table);
        var sameParameters = parameters == pythonParameters;
        report.Note($"parameter counts equal: {(sameParameters ? "yes" : "NO")}; target: TorchSharp / PyTorch >= 1.0 "
            + "(the plain loop does exactly the peer's work; the Trainer adds the cosine learning rate, gradient clipping and loss bookkeeping)");
        report.Note("images/CPU-s counts the process's CPU time (all threads): with one thread on a shared machine it is the steadier figure");

        report.Raw["parameters"] = parameters;
        report.Raw["torchsharp_loop"] = Json(loop);
        report.Raw["torchsharp_trainer"] = Json(trainer);
        report.Raw["pytorch"] = new JsonArray([.. python]);
        report.Raw["ratio_loop"] = BenchReport.Median([.. loop.Select(rate => rate.ImagesPerSecond)]) / BenchReport.Median(pythonRates);
        report.Raw["ratio_trainer"] = BenchReport.Median([.. trainer.Select(rate => rate.ImagesPerSecond)]) / BenchReport.Median(pythonRates);
        report.Raw["ratio_loop_cpu"] = BenchReport.Median([.. loop.Select(rate => rate.ImagesPerCpuSecond)]) / BenchReport.Median(pythonCpuRates);
        report.Raw["parameters_equal"] = sameParameters;
        report.Finish(settings.OutFile);
        return sameParameters ? 0 : ParameterMismatchExitCode;
    }

    private static JsonObject Json(IReadOnlyList<StepRate> rates) => new()
    {
        ["images_per_second"] = BenchReport.Array(rates.Select(rate => rate.ImagesPerSecond)),
        ["images_per_cpu_second"] = BenchReport.Array(rates.Select(rate => rate.ImagesPerCpuSecond)),
        ["seconds"] = BenchReport.Array(rates.Select(rate => rate.Time.Seconds)),
        ["cpu_seconds"] = BenchReport.Array(rates.Select(rate => rate.Time.CpuSeconds)),
    };

    private static List<string> Arguments(BenchSettings settings) =>
    [
        .. PythonPeer.CommonArguments(settings),
        "--width", PythonPeer.Text(settings.Width),
        "--embedding", PythonPeer.Text(MobileFaceNetTraining.EmbeddingSize),
        "--steps", PythonPeer.Text(settings.Steps),
        "--warmup", PythonPeer.Text(settings.Warmup),
    ];
}
