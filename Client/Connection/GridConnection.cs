using System.Net;
using System.Net.Sockets;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Silo;
using FaceKdGrid.Silo.Configuration;
using FaceKdGrid.Silo.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace FaceKdGrid.Client.Connection;

/// <summary>
/// The CLI's way into a grid: a client of a running cluster, or a silo started in this process for
/// <c>sweep run</c> without a cluster. Disposing it leaves the cluster (or stops the embedded silo).
/// </summary>
public sealed class GridConnection : IAsyncDisposable
{
    /// <summary>
    /// How long connecting may take: a gateway that never completes the handshake (e.g. one that speaks TLS to a
    /// plain client) would otherwise keep the client retrying for minutes.
    /// </summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Longer than any query takes: the embedded silo's coordinators never tick while it answers.</summary>
    private const string QueryOnlyTick = "1.00:00:00";

    private readonly IHost host;

    /// <summary>The embedded silo's hold on its state root, released after the silo stopped.</summary>
    private readonly StateRootLock? stateLock;

    private GridConnection(IHost host, StateRootLock? stateLock = null)
    {
        this.host = host;
        this.stateLock = stateLock;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Grains { get; }

    /// <summary>Connects to a cluster's gateway, e.g. "localhost:30000"; over TLS when <paramref name="tls"/> is given.</summary>
    public static async Task<GridConnection> ConnectAsync(string gateway, string clusterId, string serviceId, ClientTls? tls, CancellationToken cancellationToken)
    {
        var endpoint = await ResolveAsync(gateway, cancellationToken);
        var certificate = tls is null ? null : Loaded(() => TlsCertificates.Load(tls.CertificatePath, tls.CertificatePassword, "--tls-certificate", "--tls-certificate-password"));
        var trust = tls is null || tls.AllowUntrustedCertificates ? null : Loaded(() => PeerTrust.Load(tls.CaCertificatePath, tls.Thumbprints, "--tls-ca", "--tls-thumbprint"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(endpoint);
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = serviceId;
            });
            if (certificate is not null)
            {
                client.UseTls(certificate, options => TlsCertificates.Configure(options, trust));
            }
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).WaitAsync(ConnectTimeout, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            host.Dispose();
            if (await GatewayTlsProbe.ExplainAsync(endpoint, certificate, trust, cancellationToken) is { } reason)
            {
                throw new BadInputException($"cannot connect to the FaceKdGrid cluster at {gateway}: {reason}");
            }
            throw new BadInputException(
                $"cannot reach a FaceKdGrid cluster with id '{clusterId}' at {gateway} ({error.Message}); start a silo (facekd-silo), " +
                $"pass --gateway HOST:PORT, or, if the silos run with another cluster id, pass --cluster-id or set {Cli.ConnectionOptions.ClusterIdVariable}");
        }
        return new GridConnection(host);
    }

    /// <summary>
    /// Starts a one-silo grid in this process on free loopback ports, its artifacts and grain state in files under the
    /// context's state root, so what it ran is there for the next process. Unless <paramref name="startsTrials"/>, it
    /// only answers: the coordinators of unfinished sweeps it wakes never tick, so none of their trials starts (or is
    /// re-queued) because someone asked for results; the next sweep run resumes them.
    /// </summary>
    public static async Task<GridConnection> StartEmbeddedAsync(CliContext context, bool startsTrials, CancellationToken cancellationToken)
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
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddFaceKdGridSilo(context.ConfigureEmbeddedSilo);
        var stateLock = StateRootLock.Acquire(context.StateRoot);
        try
        {
            var host = builder.Build();
            await host.StartAsync(cancellationToken);
            return new GridConnection(host, stateLock);
        }
        catch
        {
            stateLock.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        stateLock?.Dispose();
    }

    /// <summary>A certificate or trust from the client's TLS options; a setting that is wrong is bad input.</summary>
    private static T Loaded<T>(Func<T> load)
    {
        try
        {
            return load();
        }
        catch (ArgumentException error)
        {
            throw new BadInputException(error.Message);
        }
    }

    private static async Task<IPEndPoint> ResolveAsync(string gateway, CancellationToken cancellationToken)
    {
        var colon = gateway.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(gateway[(colon + 1)..], out var port) || port is < 1 or > 65535)
        {
            throw new BadInputException($"--gateway: '{gateway}' is not HOST:PORT (e.g. localhost:30000)");
        }
        var hostName = gateway[..colon];
        if (IPAddress.TryParse(hostName, out var address))
        {
            return new IPEndPoint(address, port);
        }
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(hostName, cancellationToken);
        }
        catch (SocketException error)
        {
            throw new BadInputException($"--gateway: host '{hostName}' cannot be resolved ({error.Message})");
        }
        var chosen = addresses.FirstOrDefault(candidate => candidate.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new BadInputException($"--gateway: host '{hostName}' has no address");
        return new IPEndPoint(chosen, port);
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
