using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Grains.Training;
using FaceKdGrid.GridTestSupport;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using TorchSharp;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary>Runs facekd in-process through its entry point, capturing what it prints.</summary>
internal sealed class CliRun : IDisposable
{
    // Read while a command runs: a test can watch a sweep's progress before it ends.
    private readonly CapturedText output = new();
    private readonly CapturedText messages = new();

    /// <param name="executor">The engine of the embedded silo.</param>
    /// <param name="gatewayPort">The embedded silo's gateway port, for a second CliRun to query it with --gateway; any free one if null.</param>
    /// <param name="engine">Run trials with the real engine (TorchSharp) instead of <paramref name="executor"/> or the fake.</param>
    public CliRun(ITrialExecutor? executor = null, int? gatewayPort = null, bool engine = false)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("facekd-cli-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Grid:HeartbeatInterval"] = "00:00:00.200",
            ["Grid:CoordinatorTick"] = "00:00:00.100",
            ["Grid:RetryBackoff"] = "00:00:00.050",
            ["Training:Devices:0:Name"] = "cpu",
            ["Training:Devices:0:Slots"] = "4",
        };
        if (gatewayPort is { } port)
        {
            settings["Cluster:GatewayPort"] = port.ToString(CultureInfo.InvariantCulture);
        }
        Context = new CliContext
        {
            Console = Plain(output),
            Messages = Plain(messages),
            // Short, so a few-second sweep shows its periodic summary too.
            SweepSummaryInterval = TimeSpan.FromMilliseconds(500),
            ConfigureEmbeddedSilo = engine ? null : silo => silo.Services.AddSingleton<ITrialExecutor>(executor ?? new FakeTrialExecutor()),
            EmbeddedSettings = settings,
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

    /// <summary>Stores a few unlabeled faces as <c>data ingest</c> would, so a spec can name them as its agreement set.</summary>
    public async Task StoreFacesAsync(string datasetId)
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var faces = new FaceSet(torch.zeros([4, 3, 32, 32], torch.ScalarType.Byte));
        await DatasetArtifacts.WriteFacesAsync(new LocalFolderArtifactStore(Context.ArtifactsRoot), datasetId, faces, shardSize: 4);
    }

    public Task<int> RunAsync(params string[] args) => new FacekdApp(Context).RunAsync(args);

    public Task<int> RunAsync(CancellationToken cancellationToken, params string[] args) => new FacekdApp(Context).RunAsync(args, cancellationToken);

    /// <summary>A loopback port free now, for an embedded silo's gateway.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

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
