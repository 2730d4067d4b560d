using FaceKdGrid.Client.Cli;
using FaceKdGrid.Grains.Training;
using FaceKdGrid.GridTestSupport;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary>Runs facekd in-process through its entry point, capturing what it prints.</summary>
internal sealed class CliRun : IDisposable
{
    private readonly StringWriter output = new();
    private readonly StringWriter messages = new();

    public CliRun(ITrialExecutor? executor = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("facekd-cli-").FullName;
        Context = new CliContext
        {
            Console = Plain(output),
            Messages = Plain(messages),
            ConfigureEmbeddedSilo = silo => silo.Services.AddSingleton<ITrialExecutor>(executor ?? new FakeTrialExecutor()),
            EmbeddedSettings = new Dictionary<string, string?>
            {
                ["Grid:HeartbeatInterval"] = "00:00:00.200",
                ["Grid:CoordinatorTick"] = "00:00:00.100",
                ["Grid:RetryBackoff"] = "00:00:00.050",
                ["Training:Devices:0:Name"] = "cpu",
                ["Training:Devices:0:Slots"] = "4",
            },
            StateRoot = Path.Combine(Directory, ".facekd"),
        };
    }

    public CliContext Context { get; }

    public string Directory { get; }

    /// <summary>Standard output: the results.</summary>
    public string Output => output.ToString();

    /// <summary>Standard error: progress, notes and errors.</summary>
    public string Messages => messages.ToString();

    public string WriteSpec(string yaml, string name = "spec.yaml")
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public Task<int> RunAsync(params string[] args) => new FacekdApp(Context).RunAsync(args);

    public Task<int> RunAsync(CancellationToken cancellationToken, params string[] args) => new FacekdApp(Context).RunAsync(args, cancellationToken);

    public void Dispose()
    {
        output.Dispose();
        messages.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static IAnsiConsole Plain(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 240;
        return console;
    }
}
