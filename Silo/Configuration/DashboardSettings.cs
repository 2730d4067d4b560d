namespace FaceKdGrid.Silo.Configuration;

/// <summary>
/// The silo's web host (configuration section "Dashboard"): the Orleans dashboard (on by default) and the health
/// endpoints /health/live and /health/ready (always), bound to loopback unless configured.
/// </summary>
public sealed class DashboardSettings
{
    public const string Section = "Dashboard";

    public bool Enabled { get; set; } = true;

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 8080;
}
