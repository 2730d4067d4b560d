using FaceKdGrid.ClientLibrary.Connection;

namespace FaceKdGrid.Silo.Configuration;

/// <summary>
/// How a silo joins its cluster (configuration section "Cluster"): localhost clustering by default, or membership in
/// an Azure Storage table; endpoints bound to and advertised on loopback unless configured.
/// </summary>
public sealed class ClusterSettings
{
    public const string Section = "Cluster";

    public const string Localhost = "localhost";

    public const string AzureTable = "azuretable";

    /// <summary>"localhost" (one machine, the first silo is the primary) or "azuretable" (membership via Azure:ConnectionString).</summary>
    public string Clustering { get; set; } = Localhost;

    public string ClusterId { get; set; } = GridClientOptions.DefaultClusterId;

    public string ServiceId { get; set; } = GridClientOptions.DefaultServiceId;

    /// <summary>Names the silo; worker grains are keyed by it. Defaults to the machine name.</summary>
    public string? SiloName { get; set; }

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>For a second silo on localhost clustering: the first silo's port. Unset on the first silo.</summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary>The address (or host name) other silos and clients reach this silo at (Azure Table clustering).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>The address the silo and gateway endpoints bind to; "0.0.0.0" for every interface (containers).</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";
}
