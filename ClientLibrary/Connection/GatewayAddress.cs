using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FaceKdGrid.ClientLibrary.Connection;

/// <summary>A gateway named as HOST:PORT, resolved to the endpoint the Orleans client dials (IPv4 preferred).</summary>
internal static class GatewayAddress
{
    public static async Task<IPEndPoint> ResolveAsync(string gateway, CancellationToken cancellationToken)
    {
        var colon = gateway.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(gateway[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw Invalid($"'{gateway}' is not HOST:PORT (e.g. localhost:30000)");
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
            throw Invalid($"host '{hostName}' cannot be resolved ({error.Message})");
        }
        var chosen = addresses.FirstOrDefault(candidate => candidate.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw Invalid($"host '{hostName}' has no address");
        return new IPEndPoint(chosen, port);
    }

    private static GridConnectException Invalid(string message) => new(GridConnectFailure.InvalidGateway, message);
}
