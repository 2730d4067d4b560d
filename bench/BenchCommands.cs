using System.CommandLine;

namespace FaceKdGrid.Bench;

/// <summary>The benchmark commands: train, loader, sweep, ingest, and the onnx check. Each prints a table with its peer's
/// figure and the ratio, and writes the raw numbers as JSON with --out.</summary>
internal static class BenchCommands
{
    private const int InvalidArgumentsExitCode = 2;

    public static RootCommand Create()
    {
        var options = new BenchOptions();
        var train = Command("train",
            "images/s of MobileFaceNet training steps in TorchSharp vs the same model in PyTorch (same batch, device, threads)",
            options, [.. options.Common, .. options.StudentRate], TrainBenchmark.RunAsync);
        var loader = Command("loader",
            "images/s of the data path (FaceSetBatchSource with content replacement and flip) vs the student's training rate",
            options, [.. options.Common, .. options.StudentRate, options.Images], settings => Task.FromResult(LoaderBenchmark.Run(settings)));
        var sweep = Command("sweep",
            "K student trials run naively (live teacher, host data) vs the grid's way (shared teacher outputs, device data), and vs plain PyTorch",
            options, [.. options.Common, .. options.Sweep], SweepBenchmark.RunAsync);
        var ingest = Command("ingest",
            "images/s and peak memory of streaming a generated InsightFace .rec into a local artifact store (peak must stay under 1 GiB)",
            options, [options.Threads, options.Size, options.Images, options.ShardSize, options.Out], IngestBenchmark.RunAsync);
        var onnx = Command("onnx",
            "an ONNX teacher run by ONNX Runtime on the device (its CUDA provider on cuda) vs the CPU: largest embedding difference, images/s",
            options, [options.Device, options.Threads, options.Size, options.Batch, options.Steps, options.Warmup, options.TeacherDepth, options.TeacherWidth, options.Out],
            settings => Task.FromResult(OnnxCudaCheck.Run(settings)));
        return new RootCommand("FaceKdGrid benchmarks (random uint8 images stand in for faces)") { train, loader, sweep, ingest, onnx };
    }

    private static Command Command(string name, string description, BenchOptions options, IEnumerable<Option> used, Func<BenchSettings, Task<int>> run)
    {
        var command = new Command(name, description);
        foreach (var option in used)
        {
            command.Options.Add(option);
        }
        command.SetAction(async (result, _) =>
        {
            BenchSettings settings;
            try
            {
                settings = options.Read(result);
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return InvalidArgumentsExitCode;
            }
            return await run(settings);
        });
        return command;
    }
}
