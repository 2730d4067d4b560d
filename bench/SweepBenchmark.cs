using System.Globalization;
using System.Text.Json.Nodes;
using FaceKdGrid.Distillation.Augmentation;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Training;
using FaceKdGrid.Distillation.Trials;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Bench;

/// <summary>
/// `sweep`: K student trials (MobileFaceNet widths 1, 0.75, 0.5, 0.25, ... expressed as compression ratios of one
/// teacher; same data, seed and augmentation)
/// run (a) naively — the teacher runs on every batch of every trial, data copied to the device per batch — and
/// (b) the grid's way — teacher outputs computed once and shared through <see cref="ArtifactTeacherOutputCache"/>,
/// data resident on the device — and the naive sequence as plain PyTorch scripts (bench/peers/sweep_naive.py).
/// </summary>
internal static class SweepBenchmark
{
    private const long Seed = 0;
    private const string DatasetId = "bench-random";
    private const int EvaluationPairs = 32;

    /// <summary>The students of the trials, in order: MobileFaceNet widths (depth 1).</summary>
    public static readonly double[] StudentWidths = [1.0, 0.75, 0.5, 0.25, 1.5, 0.375, 0.625, 0.125];

    private const int TeacherEmbeddingSize = 512;
    private const double LearningRate = 0.05;
    private const double AugmentationStrength = 0.5;
    private const double TargetSpeedUp = 2.0;
    private const int ParameterMismatchExitCode = 1;
    private const int InvalidSettingsExitCode = 2;

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        var device = BenchDevice.Start(settings);
        var report = new BenchReport("sweep", string.Create(CultureInfo.InvariantCulture,
            $"sweep: {settings.Trials} trials, teacher {settings.TeacherSpec} ({TeacherEmbeddingSize}-d), {settings.PoolImages} random {settings.Size} px images, batch {settings.Batch}, {settings.Epochs} epoch(s), feature KD, content replacement {AugmentationStrength}, {device.Device}, {settings.Threads} thread(s)"),
            settings);
        torch.manual_seed(Seed);
        using var teacher = new TeacherModel(ModelFactory.Create(settings.TeacherSpec, settings.Size, TeacherEmbeddingSize), null, "bench-" + settings.TeacherSpec);
        teacher.Network.to(device.Device);
        var ratios = StudentWidths.Take(settings.Trials).Select(width => (double)teacher.Parameters / StudentParameters(width, settings.Size)).ToArray();
        if (ratios.Min() <= 1)
        {
            await Console.Error.WriteLineAsync($"teacher {settings.TeacherSpec} ({teacher.Parameters:N0} parameters at {settings.Size} px) is not larger than every student "
                + $"(MobileFaceNet widths {string.Join(", ", StudentWidths.Take(settings.Trials))}): use a larger teacher or fewer --trials");
            return InvalidSettingsExitCode;
        }
        var students = ratios.Select(ratio => StudentCatalog.Choose(teacher.Parameters, ratio, settings.Size, MobileFaceNetTraining.EmbeddingSize)).ToArray();
        var hostShards = RandomFaces.Shards(settings.PoolImages, settings.Size, Seed, CPU);
        var deviceShards = RandomFaces.CopyTo(hostShards, device.Device);
        using var pairs = RandomFaces.Pairs(EvaluationPairs, settings.Size, Seed);
        var naiveData = new DistillationData(hostShards, DatasetId, pairs);
        var gridData = new DistillationData(deviceShards, DatasetId, pairs);
        var peer = new PythonPeer(settings.Python, "sweep_naive.py");
        try
        {
            WarmUp(device, teacher, students[0], settings);
            var naive = new List<SweepRun>();
            var grid = new List<SweepRun>();
            var python = new List<JsonObject>();
            for (var repeat = 0; repeat < settings.Repeats; repeat++)
            {
                naive.Add(await RunTrialsAsync(device, settings, ratios, teacher, naiveData, new TrialContext(device.Device)));
                grid.Add(await RunWithSharedTeacherOutputsAsync(device, settings, ratios, teacher, gridData));
                python.Add(peer.Run(Arguments(settings, students)));
            }
            return Report(report, device, settings, teacher, ratios, students, naive, grid, python);
        }
        finally
        {
            foreach (var shard in hostShards.Concat(deviceShards))
            {
                shard.Dispose();
            }
        }
    }

    private static async Task<SweepRun> RunWithSharedTeacherOutputsAsync(BenchDevice device, BenchSettings settings, double[] ratios,
        TeacherModel teacher, DistillationData data)
    {
        var folder = Path.Combine(Path.GetTempPath(), "facekd-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var cache = new ArtifactTeacherOutputCache(new LocalFolderArtifactStore(folder));
            return await RunTrialsAsync(device, settings, ratios, teacher, data, new TrialContext(device.Device) { TeacherOutputs = cache });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<SweepRun> RunTrialsAsync(BenchDevice device, BenchSettings settings, double[] ratios, TeacherModel teacher,
        DistillationData data, TrialContext context)
    {
        var results = new List<DistillationResult>();
        var trialSeconds = new List<double>();
        var started = DateTimeOffset.UtcNow;
        var total = await device.TimeAsync(async () =>
        {
            foreach (var ratio in ratios)
            {
                DistillationResult? result = null;
                var trial = await device.TimeAsync(async () => result = await StudentDistillation.RunAsync(TrialSettings(settings, ratio), teacher, data, context));
                trialSeconds.Add(trial.Seconds);
                results.Add(result!);
            }
        });
        return new SweepRun(total, results, trialSeconds, started, DateTimeOffset.UtcNow);
    }

    private static long StudentParameters(double width, int size)
    {
        using var student = new MobileFaceNet(new MobileFaceNetConfig(width, 1.0, size, MobileFaceNetTraining.EmbeddingSize));
        return ModelStatistics.CountParameters(student);
    }

    private static DistillationSettings TrialSettings(BenchSettings settings, double ratio) => new()
    {
        CompressionRatio = ratio,
        StudentEmbeddingSize = MobileFaceNetTraining.EmbeddingSize,
        Loss = new KdLossSettings(KdLossKind.Feature),
        Augmentation = new AugmentationSettings(AugmentationMethod.ContentReplacement, AugmentationStrength),
        Training = new TrainingSettings { Epochs = settings.Epochs, BatchSize = settings.Batch, LearningRate = LearningRate, Seed = Seed },
    };

    /// <summary>Kernel selection and allocator growth happen here, off the clock, for both (a) and (b) alike.</summary>
    private static void WarmUp(BenchDevice device, TeacherModel teacher, StudentChoice student, BenchSettings settings)
    {
        using var scope = torch.NewDisposeScope();
        var input = torch.randn([settings.Batch, 3, settings.Size, settings.Size], device: device.Device);
        using (torch.no_grad())
        {
            teacher.Network.call(input);
        }
        var model = new MobileFaceNet(student.Config);
        model.to(device.Device);
        model.call(input).sum().backward();
        device.Synchronize();
    }

    private static List<string> Arguments(BenchSettings settings, StudentChoice[] students) =>
    [
        .. PythonPeer.CommonArguments(settings),
        // The images the C# side trains on (shard tails dropped), so both sides run the same number of batches.
        "--images", PythonPeer.Text(settings.BatchesPerEpoch * settings.Batch),
        "--epochs", PythonPeer.Text(settings.Epochs),
        "--teacher-depth", PythonPeer.Text(settings.TeacherDepth),
        "--teacher-width", PythonPeer.Text(settings.TeacherWidth),
        "--teacher-embedding", PythonPeer.Text(TeacherEmbeddingSize),
        "--students", string.Join(",", students.Select(s => PythonPeer.Text(s.Config.Width) + "x" + PythonPeer.Text(s.Config.Depth))),
        "--embedding", PythonPeer.Text(MobileFaceNetTraining.EmbeddingSize),
        "--eval-pairs", PythonPeer.Text(EvaluationPairs),
        "--strength", PythonPeer.Text(AugmentationStrength),
        "--lr", PythonPeer.Text(LearningRate),
        "--seed", PythonPeer.Text(Seed),
    ];

    private static int Report(BenchReport report, BenchDevice device, BenchSettings settings, TeacherModel teacher, double[] ratios, StudentChoice[] students,
        List<SweepRun> naive, List<SweepRun> grid, List<JsonObject> python)
    {
        var naiveSeconds = BenchReport.Median([.. naive.Select(run => run.Time.Seconds)]);
        var gridSeconds = BenchReport.Median([.. grid.Select(run => run.Time.Seconds)]);
        var pythonTimes = python.Select(run => new Timing(run["seconds"]!.GetValue<double>(), run["cpu_seconds"]!.GetValue<double>())).ToList();
        var pythonSeconds = BenchReport.Median([.. pythonTimes.Select(time => time.Seconds)]);
        var naiveCount = (long)settings.Trials * settings.Epochs * settings.BatchesPerEpoch;
        var pythonPasses = python[0]["teacher_forward_passes"]!.GetValue<long>();

        var runs = new TextTable("run", "wall (median)", "each run", "CPU (median)", "teacher forward passes", "of naive count", "(b) faster by");
        void Row(string name, IReadOnlyList<Timing> times, long passes)
        {
            var seconds = BenchReport.Median([.. times.Select(time => time.Seconds)]);
            runs.Add(name, BenchReport.Seconds(seconds), string.Join(" ", times.Select(time => BenchReport.Seconds(time.Seconds))),
                BenchReport.Seconds(BenchReport.Median([.. times.Select(time => time.CpuSeconds)])),
                BenchReport.Count(passes), BenchReport.Ratio((double)passes / naiveCount), BenchReport.Ratio(seconds / gridSeconds));
        }
        var hostData = device.IsCpu ? "" : ", data copied per batch";
        var deviceData = device.IsCpu ? "" : ", data on device";
        Row($"(a) naive: live teacher per batch{hostData}", [.. naive.Select(run => run.Time)], naive[0].TeacherForwardPasses);
        Row($"(b) grid: teacher outputs shared via cache{deviceData}", [.. grid.Select(run => run.Time)], grid[0].TeacherForwardPasses);
        Row(python[0]["framework"]!.GetValue<string>() + " naive: K plain scripts in a row", pythonTimes, pythonPasses);
        report.Add(runs);

        var pythonTrials = python[0]["trials"]!.AsArray();
        var pythonTeacher = python[0]["teacher_parameters"]!.GetValue<long>();
        var sameParameters = pythonTeacher == teacher.Parameters;
        var trials = new TextTable("trial", "ratio asked / got", "student", "parameters (C# / PyTorch)", "(a) s", "(b) s", "(b) training img/s");
        for (var index = 0; index < students.Length; index++)
        {
            var student = students[index];
            var pythonParameters = pythonTrials[index]!["parameters"]!.GetValue<long>();
            sameParameters &= pythonParameters == student.Parameters;
            trials.Add(PythonPeer.Text(index + 1),
                string.Create(CultureInfo.InvariantCulture, $"{ratios[index]:G3} / {student.AchievedRatio:F2}"),
                string.Create(CultureInfo.InvariantCulture, $"width {student.Config.Width}, depth {student.Config.Depth}"),
                $"{BenchReport.Count(student.Parameters)} / {BenchReport.Count(pythonParameters)}",
                BenchReport.Seconds(naive[0].TrialSeconds[index]), BenchReport.Seconds(grid[0].TrialSeconds[index]),
                BenchReport.Rate(grid[0].Trials[index].Outcome.History.Average(epoch => epoch.ImagesPerSecond)));
        }
        report.Add(trials);
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"teacher parameters C# / PyTorch: {BenchReport.Count(teacher.Parameters)} / {BenchReport.Count(pythonTeacher)}; all parameter counts equal: {(sameParameters ? "yes" : "NO")}"));
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"(b) vs (a): {naiveSeconds / gridSeconds:F2}x; (b) vs plain PyTorch: {pythonSeconds / gridSeconds:F2}x (DESIGN target on one GPU: >= {TargetSpeedUp:F0}x); naive teacher count = trials x epochs x batches = {naiveCount}"));
        report.Note("GPU busy time is not measured by this command (bench/gpu.sh samples nvidia-smi while it runs); mixed precision is not used (fp32)");

        report.Raw["teacher_parameters"] = teacher.Parameters;
        report.Raw["students"] = new JsonArray([.. students.Select((student, index) => (JsonNode)new JsonObject
        {
            ["ratio_asked"] = ratios[index],
            ["ratio"] = student.AchievedRatio,
            ["width"] = student.Config.Width,
            ["depth"] = student.Config.Depth,
            ["parameters"] = student.Parameters,
        })]);
        report.Raw["naive"] = new JsonArray([.. naive.Select(Json)]);
        report.Raw["grid"] = new JsonArray([.. grid.Select(Json)]);
        report.Raw["pytorch_naive"] = new JsonArray([.. python]);
        report.Raw["naive_teacher_forward_passes_expected"] = naiveCount;
        report.Raw["speedup_grid_vs_naive"] = naiveSeconds / gridSeconds;
        report.Raw["speedup_grid_vs_pytorch_naive"] = pythonSeconds / gridSeconds;
        report.Raw["parameters_equal"] = sameParameters;
        report.Finish(settings.OutFile);
        return sameParameters ? 0 : ParameterMismatchExitCode;
    }

    private static JsonNode Json(SweepRun run) => new JsonObject
    {
        ["seconds"] = run.Time.Seconds,
        ["cpu_seconds"] = run.Time.CpuSeconds,
        ["started_unix"] = run.Started.ToUnixTimeMilliseconds() / 1000.0,
        ["ended_unix"] = run.Ended.ToUnixTimeMilliseconds() / 1000.0,
        ["trial_seconds"] = BenchReport.Array(run.TrialSeconds),
        ["teacher_forward_passes"] = run.TeacherForwardPasses,
        ["training_images_per_second"] = new JsonArray([.. run.Trials.Select(trial => (JsonNode)BenchReport.Array(trial.Outcome.History.Select(epoch => epoch.ImagesPerSecond)))]),
        ["untrained_accuracy"] = BenchReport.Array(run.Trials.Select(trial => trial.Untrained.Accuracy)),
        ["final_accuracy"] = BenchReport.Array(run.Trials.Select(trial => trial.Final.Accuracy)),
    };
}
