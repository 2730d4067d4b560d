namespace FaceKdGrid.Silo.Configuration;

/// <summary>How a silo joins its cluster (configuration section "Cluster"). Localhost clustering by default.</summary>
public sealed class ClusterSettings
{
    public const string Section = "Cluster";

    public string ClusterId { get; set; } = "facekd";

    public string ServiceId { get; set; } = "facekd";

    /// <summary>Names the silo; worker grains are keyed by it. Defaults to the machine name.</summary>
    public string? SiloName { get; set; }

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>For a second silo on localhost clustering: the first silo's port. Unset on the first silo.</summary>
    public int? PrimarySiloPort { get; set; }
}
