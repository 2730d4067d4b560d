using FaceKdGrid.TestSupport;
using System.Globalization;
using System.Text.RegularExpressions;
using FaceKdGrid.Client.Connection;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.TestSupport.Azurite;
using Xunit;
using Xunit.Abstractions;

namespace FaceKdGrid.Cluster.Tests.Harness;

/// <summary>
/// A grid of real processes for one test: optionally its own Azurite (clustering, grain state, reminders and artifacts
/// all on it), silo processes started on free loopback ports with fast grid clocks, and in-test clients. Every process
/// writes to a log file in the cluster's folder; <see cref="AssertNoSecretInLogs"/> checks them all. Disposing it kills
/// every process it started and deletes the folder (after copying the ends of the logs to the test output).
/// </summary>
internal sealed partial class ProcessCluster : IAsyncDisposable
{
    /// <summary>Names a folder to keep every silo's log in after the test (the cluster's own folder is deleted).</summary>
    private const string KeepLogsVariable = "FACEKD_TEST_LOGS";

    /// <summary>Short grid clocks and failure detection, so a lost silo is noticed in seconds.</summary>
    private static readonly Dictionary<string, string> FastClocks = new()
    {
        ["Grid:HeartbeatInterval"] = "00:00:01",
        // Generous against heartbeats delayed on a busy two-core machine: a false "dead" re-runs a trial.
        ["Grid:WorkerLivenessTimeout"] = "00:00:08",
        ["Grid:ReservationTimeout"] = "00:00:05",
        ["Grid:CoordinatorTick"] = "00:00:00.500",
        ["Grid:RetryBackoff"] = "00:00:01",
        ["Grid:DrainTimeout"] = "00:00:15",
        ["Cluster:Membership:ProbeTimeout"] = "00:00:02",
        ["Cluster:Membership:NumMissedProbesLimit"] = "2",
        ["Cluster:Membership:NumVotesForDeathDeclaration"] = "1",
        // Orleans' own start-up lines (options, providers) are where a leaked secret would show.
        ["Logging:LogLevel:Orleans"] = "Information",
    };

    private readonly ITestOutputHelper output;
    private readonly Dictionary<string, string> settings;
    private readonly List<SiloProcess> silos = [];
    private readonly List<GridConnection> clients = [];

    private ProcessCluster(ITestOutputHelper output, AzuriteFixture? azurite, Dictionary<string, string> settings)
    {
        this.output = output;
        Azurite = azurite;
        this.settings = settings;
        Folder = Directory.CreateTempSubdirectory("facekd-cluster-").FullName;
    }

    public AzuriteFixture? Azurite { get; }

    public string Folder { get; }

    public string ClusterId => settings["Cluster:ClusterId"];

    public IReadOnlyList<SiloProcess> Silos => silos;

    /// <summary>Silos in Azure Table membership with blob grain state, Azure reminders and blob artifacts, on a fresh Azurite.</summary>
    public static async Task<ProcessCluster> StartOnAzuriteAsync(ITestOutputHelper output)
    {
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        return new ProcessCluster(output, azurite, new Dictionary<string, string>(FastClocks)
        {
            ["Cluster:ClusterId"] = $"test-{Guid.NewGuid():N}"[..16],
            ["Cluster:Clustering"] = "azuretable",
            ["Azure:ConnectionString"] = azurite.ConnectionString,
            ["Storage:Kind"] = "azureblob",
            ["Storage:Reminders"] = "azuretable",
            ["ArtifactStore:Kind"] = "azureblob",
        });
    }

    /// <summary>Silos in localhost clustering (the first is the primary) with in-memory state: no storage at all.</summary>
    public static ProcessCluster OnLocalhost(ITestOutputHelper output, IReadOnlyDictionary<string, string> extra) =>
        new(output, null, new Dictionary<string, string>(FastClocks.Concat(extra)) { ["Cluster:ClusterId"] = "facekd" });

    /// <summary>Starts a silo with the cluster's settings and <paramref name="extra"/> ones; returns once it is ready.</summary>
    public async Task<SiloProcess> StartSiloAsync(string name, IReadOnlyDictionary<string, string>? extra = null)
    {
        var silo = Launch(name, extra);
        await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        return silo;
    }

    /// <summary>Starts a silo process and returns at once (its log is checked like the others').</summary>
    public SiloProcess Launch(string name, IReadOnlyDictionary<string, string>? extra = null)
    {
        var siloSettings = new Dictionary<string, string>(settings);
        if (Azurite is null && silos.Count > 0)
        {
            siloSettings["Cluster:PrimarySiloPort"] = silos[0].SiloPort.ToString(CultureInfo.InvariantCulture);
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            siloSettings[key] = value;
        }
        var silo = SiloProcess.Start(name, siloSettings, Folder);
        silos.Add(silo);
        return silo;
    }

    /// <summary>A client through the gateway of <paramref name="gateway"/> (the facekd CLI's own connection code).</summary>
    public async Task<GridConnection> ConnectAsync(SiloProcess gateway, ClientTls? tls = null)
    {
        var client = await GridConnection.ConnectAsync($"127.0.0.1:{gateway.GatewayPort}", ClusterId, "facekd", tls, CancellationToken.None);
        clients.Add(client);
        return client;
    }

    /// <summary>Submits the spec and waits until the sweep is no longer running.</summary>
    public static async Task<SweepSnapshot> WaitForSweepAsync(ISweepCoordinatorGrain coordinator, TimeSpan timeout) =>
        await Eventually.HoldsAsync(coordinator.GetStatusAsync, status => status.Status != SweepStatus.Running, timeout, "the sweep to finish");

    /// <summary>
    /// The first running student trial on one of <paramref name="candidates"/> with a checkpoint after at least one
    /// epoch and epochs left to run, and its silo.
    /// </summary>
    public static async Task<(SiloProcess Silo, TrialResult Trial)> WaitForTrialMidwayAsync(
        GridConnection client, string sweepId, IReadOnlyList<SiloProcess> candidates, TimeSpan timeout)
    {
        var coordinator = client.Grains.GetGrain<ISweepCoordinatorGrain>(sweepId);
        (SiloProcess, TrialResult)? found = null;
        await Eventually.HoldsAsync(async () =>
        {
            var status = await coordinator.GetStatusAsync();
            if (status.Status is not (SweepStatus.Running or SweepStatus.Unknown))
            {
                throw new Xunit.Sdk.XunitException($"sweep {sweepId} ended ({status.Status}) before a trial ran midway: " +
                    string.Join("; ", status.Trials.Select(trial => $"{trial.TrialId} {trial.Status} {trial.Lifecycle.Reason}")));
            }
            foreach (var trial in status.Trials.Where(trial => trial.Status == TrialStatus.Running && trial.Kind == TrialKind.Student))
            {
                var silo = candidates.FirstOrDefault(candidate => candidate.Worker == trial.Lifecycle.Worker);
                var snapshot = await client.Grains.GetGrain<IExperimentGrain>(TrialKeys.Of(sweepId, trial.TrialId)).GetAsync();
                if (silo is not null && snapshot.LastCheckpoint is not null && snapshot.LastCheckpointEpoch >= 1 && snapshot.LastCheckpointEpoch <= TinySweep.Epochs - 2)
                {
                    found = (silo, trial);
                    return true;
                }
            }
            return false;
        }, done => done, timeout, $"a student trial midway on {string.Join(" or ", candidates.Select(silo => silo.Name))}");
        return found!.Value;
    }

    /// <summary>No log of any process holds a secret (the storage account key, the connection string, a password).</summary>
    public void AssertNoSecretInLogs(params string[] secrets)
    {
        var all = secrets.Concat(Azurite is null ? [] : [AzuriteFixture.AccountKey, Azurite.ConnectionString]).ToArray();
        Assert.NotEmpty(silos);
        foreach (var silo in silos)
        {
            var log = silo.ReadLog();
            Assert.False(string.IsNullOrWhiteSpace(log), $"silo {silo.Name} logged nothing");
            foreach (var secret in all)
            {
                Assert.False(log.Contains(secret, StringComparison.Ordinal), $"a secret appears in the log of silo {silo.Name}");
            }
        }
    }

    /// <summary>The epochs after which later attempts (2, 3, ...) of the trial started, from the silos' "Starting" lines.</summary>
    public static IReadOnlyList<int> ResumedAfterEpochs(IEnumerable<SiloProcess> silos, string sweepId, string trialId) =>
        silos.SelectMany(silo => LogLines(silo, $"Starting {sweepId}/{trialId} attempt"))
            .Select(line => StartingLine().Match(line))
            .Where(match => match.Success && Number(match.Groups["attempt"].Value) >= 2)
            .Select(match => Number(match.Groups["epoch"].Value))
            .ToList();

    /// <summary>Lines of a silo's log that contain all of <paramref name="parts"/>.</summary>
    public static IReadOnlyList<string> LogLines(SiloProcess silo, params string[] parts) =>
        silo.ReadLog().Split('\n').Where(line => parts.All(part => line.Contains(part, StringComparison.Ordinal))).ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            try
            {
                await client.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception error) when (error is TimeoutException or InvalidOperationException or OperationCanceledException)
            {
                // A client of a cluster that is already gone cannot leave it politely.
            }
        }
        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
            output.WriteLine($"--- {silo.Name} (exit {silo.ExitCode}), last lines:\n{silo.Tail(15)}");
            output.WriteLine($"--- {silo.Name}, its first warnings and errors:\n{string.Join('\n', WarningsAndErrors(silo).Take(20))}");
        }
        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
        if (Environment.GetEnvironmentVariable(KeepLogsVariable) is { Length: > 0 } keep)
        {
            foreach (var log in Directory.GetFiles(Folder, "*.log"))
            {
                File.Copy(log, Path.Combine(keep, Path.GetFileName(log)), overwrite: true);
            }
        }
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>The console logger's warning and error entries: the header line ("warn: Category[id]") and the message under it.</summary>
    private static IEnumerable<string> WarningsAndErrors(SiloProcess silo)
    {
        var lines = silo.ReadLog().Split('\n');
        for (var index = 0; index + 1 < lines.Length; index++)
        {
            if (lines[index].StartsWith("warn: ", StringComparison.Ordinal) || lines[index].StartsWith("fail: ", StringComparison.Ordinal))
            {
                yield return $"{lines[index]} {lines[index + 1].Trim()}";
            }
        }
    }

    private static int Number(string digits) => int.Parse(digits, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"attempt (?<attempt>\d+) on \S+ after epoch (?<epoch>\d+)")]
    private static partial Regex StartingLine();
}
