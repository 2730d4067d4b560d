using System.CommandLine;
using FaceKdGrid.Client.Connection;
using FaceKdGrid.Silo.Configuration;
using Spectre.Console;

namespace FaceKdGrid.Client.Cli;

/// <summary>
/// The options every command shares to find the cluster (recursive, so they go after any subcommand); warnings about
/// them go to <paramref name="messages"/>.
/// </summary>
public sealed class ConnectionOptions(IAnsiConsole messages)
{
    /// <summary>Environment variable that names the gateway when --gateway is not given.</summary>
    public const string GatewayVariable = "FACEKD_GATEWAY";

    public const string TlsCertificateVariable = "FACEKD_TLS_CERTIFICATE";

    /// <summary>Where the PFX password should come from: the environment keeps it out of shell histories and process lists.</summary>
    public const string TlsCertificatePasswordVariable = "FACEKD_TLS_CERTIFICATE_PASSWORD";

    public const string TlsCaVariable = "FACEKD_TLS_CA";

    public const string DefaultGateway = "localhost:30000";

    /// <summary>The silo's own variables for its cluster and service ids, so a client started beside it finds it.</summary>
    public const string ClusterIdVariable = "FACEKD_" + ClusterSettings.Section + "__" + nameof(ClusterSettings.ClusterId);

    public const string ServiceIdVariable = "FACEKD_" + ClusterSettings.Section + "__" + nameof(ClusterSettings.ServiceId);

    private static readonly ClusterSettings SiloDefaults = new();

    public Option<string?> Gateway { get; } = new("--gateway")
    {
        Description = $"cluster gateway HOST:PORT (default: ${GatewayVariable}, else {DefaultGateway}; 'sweep run' and the queries without either start an embedded silo over .facekd)",
        Recursive = true,
    };

    public Option<string> ClusterId { get; } = new("--cluster-id")
    {
        Description = $"the cluster's id (default: ${ClusterIdVariable}, as for the silos, else {SiloDefaults.ClusterId})",
        DefaultValueFactory = _ => FromEnvironment(ClusterIdVariable) ?? SiloDefaults.ClusterId,
        Recursive = true,
    };

    public Option<string> ServiceId { get; } = new("--service-id")
    {
        Description = $"the cluster's service id (default: ${ServiceIdVariable}, as for the silos, else {SiloDefaults.ServiceId})",
        DefaultValueFactory = _ => FromEnvironment(ServiceIdVariable) ?? SiloDefaults.ServiceId,
        Recursive = true,
    };

    public Option<string?> TlsCertificate { get; } = new("--tls-certificate")
    {
        Description = $"connect over TLS with this PFX (certificate and key; default: ${TlsCertificateVariable})",
        Recursive = true,
    };

    public Option<string?> TlsCertificatePassword { get; } = new("--tls-certificate-password")
    {
        Description = $"the PFX's password (better: ${TlsCertificatePasswordVariable})",
        Recursive = true,
    };

    public Option<string?> TlsCa { get; } = new("--tls-ca")
    {
        Description = $"trust silos whose certificate this CA issued (PEM, or a PFX without password; default: ${TlsCaVariable})",
        Recursive = true,
    };

    public Option<string[]> TlsThumbprint { get; } = new("--tls-thumbprint")
    {
        Description = "trust the silo certificate with this SHA-256 thumbprint (repeatable)",
        Recursive = true,
    };

    public Option<bool> TlsAllowUntrusted { get; } = new("--tls-allow-untrusted")
    {
        Description = "accept any silo certificate, ignoring --tls-ca and --tls-thumbprint (development and tests only)",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Gateway, ClusterId, ServiceId, TlsCertificate, TlsCertificatePassword, TlsCa, TlsThumbprint, TlsAllowUntrusted];

    /// <summary>The gateway named by the option or the environment; null when neither names one.</summary>
    public string? ConfiguredGateway(ParseResult parseResult) => parseResult.GetValue(Gateway) ?? FromEnvironment(GatewayVariable);

    /// <summary>TLS settings from the options or the environment; null (plain TCP) when no certificate is named.</summary>
    public ClientTls? ConfiguredTls(ParseResult parseResult) =>
        (parseResult.GetValue(TlsCertificate) ?? FromEnvironment(TlsCertificateVariable)) is { } certificate
            ? new ClientTls(
                certificate,
                parseResult.GetValue(TlsCertificatePassword) ?? FromEnvironment(TlsCertificatePasswordVariable),
                parseResult.GetValue(TlsCa) ?? FromEnvironment(TlsCaVariable),
                parseResult.GetValue(TlsThumbprint) ?? [],
                parseResult.GetValue(TlsAllowUntrusted))
            : null;

    public Task<GridConnection> ConnectAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var tls = ConfiguredTls(parseResult);
        if (tls is { AllowUntrustedCertificates: true })
        {
            messages.MarkupLine("[yellow]warning:[/] --tls-allow-untrusted accepts any silo certificate, so anyone can pose as the cluster: " +
                "for development only; use --tls-ca or --tls-thumbprint instead");
        }
        return GridConnection.ConnectAsync(ConfiguredGateway(parseResult) ?? DefaultGateway, parseResult.GetValue(ClusterId)!, parseResult.GetValue(ServiceId)!, tls, cancellationToken);
    }

    /// <summary>
    /// For the commands that only read: the configured cluster, or, when none is configured, the embedded silo over the
    /// local state of earlier runs (<see cref="CliContext.StateRoot"/>), which answers without starting any trial.
    /// </summary>
    public Task<GridConnection> ConnectForQueryAsync(ParseResult parseResult, CliContext context, CancellationToken cancellationToken) =>
        ConfiguredGateway(parseResult) is null
            ? GridConnection.StartEmbeddedAsync(context, startsTrials: false, cancellationToken)
            : ConnectAsync(parseResult, cancellationToken);

    private static string? FromEnvironment(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : null;
}
