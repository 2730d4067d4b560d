namespace FaceKdGrid.Silo.Configuration;

/// <summary>The Orleans dashboard (configuration section "Dashboard"): on, and bound to loopback, by default.</summary>
public sealed class DashboardSettings
{
    public const string Section = "Dashboard";

    public bool Enabled { get; set; } = true;

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 8080;
}
