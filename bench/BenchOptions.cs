using System.CommandLine;

namespace FaceKdGrid.Bench;

/// <summary>The command-line options of every benchmark; each command adds the ones it uses.</summary>
internal sealed class BenchOptions
{
    private static readonly BenchSettings Defaults = new();

    public Option<string> Device { get; } = new("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => Defaults.Device };

    public Option<int> Threads { get; } = new("--threads") { Description = "CPU threads of both TorchSharp and PyTorch", DefaultValueFactory = _ => Defaults.Threads };

    public Option<int> Size { get; } = new("--size") { Description = "crop side in pixels (multiple of 16)", DefaultValueFactory = _ => Defaults.Size };

    public Option<int> Batch { get; } = new("--batch") { Description = "images per batch", DefaultValueFactory = _ => Defaults.Batch };

    public Option<double> Width { get; } = new("--width") { Description = "MobileFaceNet width multiplier", DefaultValueFactory = _ => Defaults.Width };

    public Option<int> Steps { get; } = new("--steps") { Description = "timed steps (batches)", DefaultValueFactory = _ => Defaults.Steps };

    public Option<int> Warmup { get; } = new("--warmup") { Description = "untimed steps first", DefaultValueFactory = _ => Defaults.Warmup };

    public Option<int> Repeats { get; } = new("--repeats") { Description = "interleaved measurements of each side; medians are compared", DefaultValueFactory = _ => Defaults.Repeats };

    public Option<int?> Images { get; } = new("--images") { Description = $"random images in the pool (default {BenchSettings.DefaultBatchesPerPool} batches; ingest: {IngestBenchmark.DefaultImages:N0} records)" };

    public Option<int> Trials { get; } = new("--trials") { Description = $"student trials K (MobileFaceNet widths {string.Join(", ", SweepBenchmark.StudentWidths.Take(4))}, ... as compression ratios of the teacher)", DefaultValueFactory = _ => Defaults.Trials };

    public Option<int> Epochs { get; } = new("--epochs") { Description = "epochs per trial", DefaultValueFactory = _ => Defaults.Epochs };

    public Option<int> TeacherDepth { get; } = new("--teacher-depth") { Description = "IResNet teacher depth (18, 34, 50, 100)", DefaultValueFactory = _ => Defaults.TeacherDepth };

    public Option<double> TeacherWidth { get; } = new("--teacher-width") { Description = "IResNet teacher width multiplier", DefaultValueFactory = _ => Defaults.TeacherWidth };

    public Option<int> ShardSize { get; } = new("--shard-size") { Description = "images per shard (ingest)", DefaultValueFactory = _ => Defaults.ShardSize };

    public Option<string> Python { get; } = new("--python") { Description = "interpreter that runs the PyTorch peers", DefaultValueFactory = _ => Defaults.Python };

    public Option<string?> Out { get; } = new("--out") { Description = "write the raw numbers as JSON to this file" };

    /// <summary>Options every command has.</summary>
    public IReadOnlyList<Option> Common => [Device, Threads, Size, Batch, Repeats, Python, Out];

    /// <summary>Options of the commands that measure a student's step rate.</summary>
    public IReadOnlyList<Option> StudentRate => [Width, Steps, Warmup];

    public IReadOnlyList<Option> Sweep => [Images, Trials, Epochs, TeacherDepth, TeacherWidth];

    /// <summary>The settings of the parsed command; options the command does not have keep their defaults.</summary>
    public BenchSettings Read(ParseResult result)
    {
        T Get<T>(Option<T> option, T fallback) => result.CommandResult.Command.Options.Contains(option) ? result.GetValue(option)! : fallback;
        return new BenchSettings
        {
            Device = Get(Device, Defaults.Device),
            Threads = Get(Threads, Defaults.Threads),
            Size = Get(Size, Defaults.Size),
            Batch = Get(Batch, Defaults.Batch),
            Width = Get(Width, Defaults.Width),
            Steps = Get(Steps, Defaults.Steps),
            Warmup = Get(Warmup, Defaults.Warmup),
            Repeats = Get(Repeats, Defaults.Repeats),
            Images = Get(Images, Defaults.Images),
            Trials = Get(Trials, Defaults.Trials),
            Epochs = Get(Epochs, Defaults.Epochs),
            TeacherDepth = Get(TeacherDepth, Defaults.TeacherDepth),
            TeacherWidth = Get(TeacherWidth, Defaults.TeacherWidth),
            ShardSize = Get(ShardSize, Defaults.ShardSize),
            Python = Get(Python, Defaults.Python),
            OutFile = Get(Out, Defaults.OutFile),
        }.Validate();
    }
}
