using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.ClientLibrary;
using FaceKdGrid.ClientLibrary.Connection;
using FaceKdGrid.ClientLibrary.Security;
using FaceKdGrid.Grains.Training;
using FaceKdGrid.Silo;
using FaceKdGrid.Silo.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FaceKdGrid.Client.Connection;

/// <summary>
/// The CLI's way into a grid: the client library's connection to a running cluster, or a silo started in this process
/// for <c>sweep run</c> (and the queries) without a cluster, asked through the same <see cref="GridClient"/>. Disposing
/// it leaves the cluster (or stops the embedded silo).
/// </summary>
public sealed class GridConnection : IAsyncDisposable
{
    /// <summary>Longer than any query takes: the embedded silo's coordinators never tick while it answers.</summary>
    private const string QueryOnlyTick = "1.00:00:00";

    /// <summary>The embedded silo; null for a client of a cluster.</summary>
    private readonly IHost? embeddedSilo;

    /// <summary>The embedded silo's hold on its state root, released after the silo stopped.</summary>
    private readonly StateRootLock? stateLock;

    private GridConnection(GridClient client, IHost? embeddedSilo = null, StateRootLock? stateLock = null)
    {
        Client = client;
        this.embeddedSilo = embeddedSilo;
        this.stateLock = stateLock;
    }

    /// <summary>Every question and change the commands make goes through it.</summary>
    public GridClient Client { get; }

    /// <summary>The grain factory beneath <see cref="Client"/>, for the sweep pages of <c>--web</c> (<c>SweepWebHost</c>), which serve a silo's own.</summary>
    public IGrainFactory Grains => Client.Grains;

    /// <summary>Connects to a cluster's gateway, e.g. "localhost:30000"; over TLS when <paramref name="tls"/> is given.</summary>
    public static async Task<GridConnection> ConnectAsync(string gateway, string clusterId, string serviceId, ClientTls? tls, CancellationToken cancellationToken)
    {
        var options = new GridClientOptions
        {
            Gateways = [gateway],
            ClusterId = clusterId,
            ServiceId = serviceId,
            Tls = tls is null ? null : Loaded(tls),
        };
        try
        {
            return new GridConnection(await GridClient.ConnectAsync(options, cancellationToken));
        }
        catch (GridConnectException error)
        {
            throw new BadInputException(error.Failure switch
            {
                GridConnectFailure.InvalidGateway => $"--gateway: {error.Message}",
                GridConnectFailure.Unreachable => $"{error.Message}; start a silo (facekd-silo), pass --gateway HOST:PORT, or, " +
                    $"if the silos run with another cluster id, pass --cluster-id or set {ConnectionOptions.ClusterIdVariable}",
                _ => error.Message,
            });
        }
    }

    /// <summary>
    /// Starts a one-silo grid in this process on free loopback ports, its artifacts and grain state in files under the
    /// context's state root, so what it ran is there for the next process. Unless <paramref name="startsTrials"/>, it
    /// only answers: the coordinators of unfinished sweeps it wakes never tick, so none of their trials starts (or is
    /// re-queued) because someone asked for results; the next sweep run resumes them. <paramref name="cpuThreads"/> pins
    /// torch's CPU threads (null: libtorch's default for the machine).
    /// </summary>
    public static async Task<GridConnection> StartEmbeddedAsync(CliContext context, bool startsTrials, CancellationToken cancellationToken, int? cpuThreads = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var settings = new Dictionary<string, string?>
        {
            ["Cluster:SiloName"] = "embedded",
            ["Cluster:SiloPort"] = FreePort(),
            ["Cluster:GatewayPort"] = FreePort(),
            // Everything is in one process: short clocks cost nothing and make small sweeps snappy.
            ["Grid:HeartbeatInterval"] = "00:00:01",
            ["Grid:CoordinatorTick"] = "00:00:00.250",
            ["Storage:Kind"] = StorageSettings.File,
            ["Storage:GrainsRoot"] = context.GrainsRoot,
            ["ArtifactStore:Root"] = context.ArtifactsRoot,
        };
        foreach (var (key, value) in context.EmbeddedSettings)
        {
            settings[key] = value;
        }
        if (!startsTrials)
        {
            settings["Grid:CoordinatorTick"] = QueryOnlyTick;
        }
        if (cpuThreads is { } threads)
        {
            settings[$"{TrainingOptions.Section}:{nameof(TrainingOptions.CpuThreads)}"] = threads.ToString(CultureInfo.InvariantCulture);
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddFaceKdGridSilo(context.ConfigureEmbeddedSilo);
        var stateLock = StateRootLock.Acquire(context.StateRoot);
        try
        {
            var host = builder.Build();
            await host.StartAsync(cancellationToken);
            return new GridConnection(GridClient.Over(host.Services.GetRequiredService<IClusterClient>()), host, stateLock);
        }
        catch
        {
            stateLock.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        if (embeddedSilo is not null)
        {
            await embeddedSilo.StopAsync();
            embeddedSilo.Dispose();
        }
        stateLock?.Dispose();
    }

    /// <summary>The certificate and trust the TLS options name; a setting that is wrong is bad input, named by its option.</summary>
    private static GridTls Loaded(ClientTls tls)
    {
        try
        {
            var certificate = TlsCertificates.Load(tls.CertificatePath, tls.CertificatePassword, "--tls-certificate", "--tls-certificate-password");
            var trust = tls.AllowUntrustedCertificates ? null : PeerTrust.Load(tls.CaCertificatePath, tls.Thumbprints, "--tls-ca", "--tls-thumbprint");
            return new GridTls(certificate, trust);
        }
        catch (ArgumentException error)
        {
            throw new BadInputException(error.Message);
        }
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
