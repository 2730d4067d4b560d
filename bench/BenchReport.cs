using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceKdGrid.Distillation.Runtime;

namespace FaceKdGrid.Bench;

/// <summary>What a command prints (a title, a table, notes) and the raw numbers it writes with --out.</summary>
internal sealed class BenchReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly string title;
    private readonly string loadBefore;
    private readonly List<TextTable> tables = [];
    private readonly List<string> notes = [];

    public BenchReport(string command, string title, BenchSettings settings)
    {
        this.title = title;
        loadBefore = MachineLoad.Read();
        Raw = new JsonObject
        {
            ["command"] = command,
            ["settings"] = JsonSerializer.SerializeToNode(settings),
            ["libtorch"] = Environment.GetEnvironmentVariable(TorchRuntime.LibTorchDirVariable) ?? "packaged libtorch-cpu-linux-x64",
            ["torchsharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3),
            ["data"] = "random uint8 images / random tensors (throughput only)",
            ["load_before"] = loadBefore,
        };
    }

    public JsonObject Raw { get; }

    public void Add(TextTable table) => tables.Add(table);

    public void Note(string note) => notes.Add(note);

    /// <summary>Prints the report and writes the JSON to <paramref name="outFile"/> when given.</summary>
    public void Finish(string? outFile)
    {
        var loadAfter = MachineLoad.Read();
        Raw["load_after"] = loadAfter;
        Console.WriteLine();
        Console.WriteLine(title);
        foreach (var table in tables)
        {
            table.WriteTo(Console.Out);
            Console.WriteLine();
        }
        foreach (var note in notes)
        {
            Console.WriteLine(note);
        }
        Console.WriteLine($"load average before / after: {loadBefore} / {loadAfter}");
        if (outFile is not null)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(outFile));
            Directory.CreateDirectory(folder!);
            File.WriteAllText(outFile, Raw.ToJsonString(Indented));
            Console.WriteLine($"raw numbers: {outFile}");
        }
    }

    public static string Rate(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + "x";

    public static string Seconds(double value) => value.ToString("F1", CultureInfo.InvariantCulture) + " s";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static JsonArray Array(IEnumerable<double> values) => [.. values.Select(value => (JsonNode)value)];
}
