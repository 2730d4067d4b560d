namespace FaceKdGrid.ClientLibrary.Connection;

/// <summary>Where a cluster is and how to talk to it: what <see cref="GridClient.ConnectAsync"/> needs.</summary>
public sealed record GridClientOptions
{
    /// <summary>The id a silo's Cluster:ClusterId has when none is configured.</summary>
    public const string DefaultClusterId = "facekd";

    /// <summary>The id a silo's Cluster:ServiceId has when none is configured.</summary>
    public const string DefaultServiceId = "facekd";

    /// <summary>One or more gateways as HOST:PORT (a silo's Cluster:GatewayPort, 30000 by default), e.g. "localhost:30000".</summary>
    public required IReadOnlyList<string> Gateways { get; init; }

    public string ClusterId { get; init; } = DefaultClusterId;

    public string ServiceId { get; init; } = DefaultServiceId;

    /// <summary>Mutual TLS, for silos with Tls:Enabled; null speaks plain TCP.</summary>
    public GridTls? Tls { get; init; }

    /// <summary>
    /// How long connecting may take: a gateway that never completes the handshake (e.g. one that speaks TLS to a plain
    /// client) would otherwise keep the client retrying for minutes.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
