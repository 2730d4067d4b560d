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

        var loop = new List<double>();
        var trainer = new List<double>();
        var python = new List<JsonObject>();
        for (var repeat = 0; repeat < settings.Repeats; repeat++)
        {
            loop.Add(MobileFaceNetTraining.MeasureLoop(device, settings).ImagesPerSecond);
            trainer.Add((await MobileFaceNetTraining.MeasureTrainerAsync(device, settings)).ImagesPerSecond);
            python.Add(peer.Run(Arguments(settings)));
        }

        var pythonRates = python.Select(run => run["images_per_second"]!.GetValue<double>()).ToList();
        var pythonParameters = python[0]["parameters"]!.GetValue<long>();
        var pythonName = python[0]["framework"]!.GetValue<string>();
        var pythonMedian = BenchReport.Median(pythonRates);
        var table = new TextTable("runner", "parameters", "images/s (median)", "each run", "vs PyTorch");
        void Row(string runner, long count, IReadOnlyList<double> rates) => table.Add(runner, BenchReport.Count(count),
            BenchReport.Rate(BenchReport.Median(rates)), string.Join(" ", rates.Select(BenchReport.Rate)), BenchReport.Ratio(BenchReport.Median(rates) / pythonMedian));
        Row($"TorchSharp {report.Raw["torchsharp"]}, plain loop", parameters, loop);
        Row("TorchSharp, engine Trainer", parameters, trainer);
        Row(pythonName, pythonParameters, pythonRates);
        report.Add(table);
        var sameParameters = parameters == pythonParameters;
        report.Note($"parameter counts equal: {(sameParameters ? "yes" : "NO")}; target: TorchSharp / PyTorch >= 1.0 "
            + "(the plain loop does exactly the peer's work; the Trainer adds the cosine learning rate, gradient clipping and loss bookkeeping)");

        report.Raw["parameters"] = parameters;
        report.Raw["torchsharp_loop_images_per_second"] = BenchReport.Array(loop);
        report.Raw["torchsharp_trainer_images_per_second"] = BenchReport.Array(trainer);
        report.Raw["pytorch"] = new JsonArray([.. python]);
        report.Raw["ratio_loop"] = BenchReport.Median(loop) / pythonMedian;
        report.Raw["ratio_trainer"] = BenchReport.Median(trainer) / pythonMedian;
        report.Raw["parameters_equal"] = sameParameters;
        report.Finish(settings.OutFile);
        return sameParameters ? 0 : ParameterMismatchExitCode;
    }

    private static List<string> Arguments(BenchSettings settings) =>
    [
        .. PythonPeer.CommonArguments(settings),
        "--width", PythonPeer.Text(settings.Width),
        "--embedding", PythonPeer.Text(MobileFaceNetTraining.EmbeddingSize),
        "--steps", PythonPeer.Text(settings.Steps),
        "--warmup", PythonPeer.Text(settings.Warmup),
    ];
}
