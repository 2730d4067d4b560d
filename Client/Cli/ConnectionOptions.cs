using System.CommandLine;
using FaceKdGrid.Client.Connection;

namespace FaceKdGrid.Client.Cli;

/// <summary>The options every command shares to find the cluster (recursive, so they go after any subcommand).</summary>
public sealed class ConnectionOptions
{
    /// <summary>Environment variable that names the gateway when --gateway is not given.</summary>
    public const string GatewayVariable = "FACEKD_GATEWAY";

    public const string DefaultGateway = "localhost:30000";

    public Option<string?> Gateway { get; } = new("--gateway")
    {
        Description = $"cluster gateway HOST:PORT (default: ${GatewayVariable}, else {DefaultGateway}; 'sweep run' without either starts an embedded silo)",
        Recursive = true,
    };

    public Option<string> ClusterId { get; } = new("--cluster-id") { Description = "the cluster's id", DefaultValueFactory = _ => "facekd", Recursive = true };

    public Option<string> ServiceId { get; } = new("--service-id") { Description = "the cluster's service id", DefaultValueFactory = _ => "facekd", Recursive = true };

    public IEnumerable<Option> All => [Gateway, ClusterId, ServiceId];

    /// <summary>The gateway named by the option or the environment; null when neither names one.</summary>
    public string? ConfiguredGateway(ParseResult parseResult) =>
        parseResult.GetValue(Gateway) ?? (Environment.GetEnvironmentVariable(GatewayVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);

    public Task<GridConnection> ConnectAsync(ParseResult parseResult, CancellationToken cancellationToken) =>
        GridConnection.ConnectAsync(
            ConfiguredGateway(parseResult) ?? DefaultGateway,
            parseResult.GetValue(ClusterId)!,
            parseResult.GetValue(ServiceId)!,
            cancellationToken);
}
