using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace FaceKdGrid.Silo.Configuration;

/// <summary>Reads settings sections and checks their values; every error names the setting ("Cluster:SiloPort") and the problem.</summary>
public static class SettingsReader
{
    public static T Read<T>(IConfiguration configuration, string section)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException error)
        {
            // The binder names the key and the type it wanted, never a value.
            throw new ArgumentException($"{section}: {error.Message}", section, error);
        }
    }

    /// <summary>The value if it is one of <paramref name="allowed"/> (compared ignoring case), in its listed spelling.</summary>
    public static string Choice(string? value, string setting, params string[] allowed) =>
        allowed.FirstOrDefault(choice => string.Equals(choice, value?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"{setting}: '{value}' is not one of {string.Join(", ", allowed)}", setting);

    public static int Port(int value, string setting) =>
        value is >= 1 and <= 65535 ? value : throw new ArgumentException($"{setting}: {value} is not a TCP port (1-65535)", setting);

    /// <summary>An IP address, or the first IPv4 address of a host name.</summary>
    public static IPAddress Address(string? value, string setting)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{setting}: an IP address or host name is required", setting);
        }
        if (IPAddress.TryParse(value, out var address))
        {
            return address;
        }
        try
        {
            var addresses = Dns.GetHostAddresses(value);
            return addresses.FirstOrDefault(candidate => candidate.AddressFamily == AddressFamily.InterNetwork) ?? addresses.First();
        }
        catch (Exception error) when (error is SocketException or InvalidOperationException or ArgumentException)
        {
            throw new ArgumentException($"{setting}: '{value}' is neither an IP address nor a host name that resolves ({error.Message})", setting, error);
        }
    }

    /// <summary>
    /// An absolute http or https URI, or null when <paramref name="value"/> is empty. The value is never echoed: an
    /// endpoint may carry credentials in its user info or query.
    /// </summary>
    public static Uri? HttpEndpoint(string? value, string setting)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"{setting}: not an absolute URI (the value is not shown; expected e.g. http://otel-collector:4317)", setting);
        }
        return uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new ArgumentException($"{setting}: the scheme must be http or https, not '{uri.Scheme}'", setting);
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
