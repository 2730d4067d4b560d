namespace FaceKdGrid.ClientLibrary.Connection;

/// <summary>Why <see cref="GridClient.ConnectAsync"/> did not connect, so a caller can say what to change.</summary>
public enum GridConnectFailure
{
    /// <summary>A gateway is not HOST:PORT, or its host has no address.</summary>
    InvalidGateway,

    /// <summary>No cluster with this id answered at the gateways: none runs there, or it has another cluster or service id.</summary>
    Unreachable,

    /// <summary>TLS kept the client out: a plain client at a TLS gateway, an untrusted gateway certificate, or this client's certificate refused.</summary>
    Tls,
}
