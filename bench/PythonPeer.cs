using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace FaceKdGrid.Bench;

/// <summary>A PyTorch peer script from the peers/ folder next to this app, run as a subprocess; it prints its
/// result as one JSON line on stdout.</summary>
internal sealed class PythonPeer(string python, string scriptName)
{
    private const int StderrTailCharacters = 2000;

    public string ScriptPath { get; } = Path.Combine(AppContext.BaseDirectory, "peers", scriptName);

    /// <summary>Runs the script with <paramref name="arguments"/> and returns its JSON result.</summary>
    public JsonObject Run(IEnumerable<string> arguments)
    {
        if (!File.Exists(ScriptPath))
        {
            throw new FileNotFoundException($"PyTorch peer not found at {ScriptPath} (it is copied next to the app at build time)", ScriptPath);
        }
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ScriptPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start '{python}'");
        // Read both streams at once: a peer that fills one pipe while we wait on the other would hang.
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var errorText = error.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{python} {scriptName} exited with {process.ExitCode}: {Tail(errorText)}");
        }
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'))
            ?? throw new InvalidDataException($"{scriptName} printed no JSON result; stderr: {Tail(errorText)}");
        return JsonNode.Parse(line)?.AsObject() ?? throw new InvalidDataException($"{scriptName} printed an empty result");
    }

    /// <summary>The arguments every peer takes, with the C# side's values.</summary>
    public static List<string> CommonArguments(BenchSettings settings) =>
    [
        "--device", settings.Device,
        "--threads", Text(settings.Threads),
        "--size", Text(settings.Size),
        "--batch", Text(settings.Batch),
    ];

    public static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Tail(string text) => text.Length <= StderrTailCharacters ? text : text[^StderrTailCharacters..];
}
