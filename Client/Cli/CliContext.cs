using Spectre.Console;

namespace FaceKdGrid.Client.Cli;

/// <summary>
/// Where the CLI writes and how it builds the in-process silo of <c>sweep run</c>. Tests give their own console
/// and put a trial executor and fast clocks into the embedded silo.
/// </summary>
public sealed record CliContext
{
    /// <summary>Where results go (standard output), so they can be piped.</summary>
    public required IAnsiConsole Console { get; init; }

    /// <summary>Where progress, notes and errors go (standard error).</summary>
    public required IAnsiConsole Messages { get; init; }

    /// <summary>How often a sweep followed without a terminal prints where its trials stand.</summary>
    public TimeSpan SweepSummaryInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Added to the embedded silo after the grid (e.g. an ITrialExecutor registration).</summary>
    public Action<ISiloBuilder>? ConfigureEmbeddedSilo { get; init; }

    /// <summary>Configuration values of the embedded silo that replace its defaults (e.g. "Grid:CoordinatorTick").</summary>
    public IReadOnlyDictionary<string, string?> EmbeddedSettings { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Where the embedded silo keeps what outlives the process: artifacts (shards, checkpoints) and grain state (sweeps,
    /// trials), so an interrupted sweep resumes and finished ones can be queried. Tests give each run its own.
    /// </summary>
    public string StateRoot { get; init; } = ".facekd";

    public string ArtifactsRoot => Path.Combine(StateRoot, "artifacts");

    public string GrainsRoot => Path.Combine(StateRoot, "grains");

    public static CliContext ForConsole()
    {
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected)
        {
            // A file or pipe has no width; 80 columns would fold the results table.
            console.Profile.Width = Math.Max(console.Profile.Width, RedirectedWidth);
        }
        return new()
        {
            Console = console,
            Messages = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) }),
        };
    }

    private const int RedirectedWidth = 132;
}
