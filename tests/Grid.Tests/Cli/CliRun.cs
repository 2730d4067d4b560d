using FaceKdGrid.Client.Cli;
using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grid.Tests.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace FaceKdGrid.Grid.Tests.Cli;

/// <summary>Runs facekd in-process through its entry point, capturing what it prints.</summary>
internal sealed class CliRun : IDisposable
{
    private readonly StringWriter output = new();

    public CliRun(FakeTrialExecutor? executor = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 240;
        Context = new CliContext
        {
            Console = console,
            ConfigureEmbeddedSilo = silo => silo.Services.AddSingleton<ITrialExecutor>(executor ?? new FakeTrialExecutor()),
            EmbeddedSettings = new Dictionary<string, string?>
            {
                ["Grid:HeartbeatInterval"] = "00:00:00.200",
                ["Grid:CoordinatorTick"] = "00:00:00.100",
                ["Grid:RetryBackoff"] = "00:00:00.050",
                ["Training:Devices:0:Name"] = "cpu",
                ["Training:Devices:0:Slots"] = "4",
            },
        };
        Directory = System.IO.Directory.CreateTempSubdirectory("facekd-cli-").FullName;
    }

    public CliContext Context { get; }

    public string Directory { get; }

    public string Output => output.ToString();

    public string WriteSpec(string yaml, string name = "spec.yaml")
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public Task<int> RunAsync(params string[] args) => new FacekdApp(Context).RunAsync(args);

    public void Dispose()
    {
        output.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
