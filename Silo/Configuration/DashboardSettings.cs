namespace FaceKdGrid.Silo.Configuration;

/// <summary>
/// The silo's web host (configuration section "Dashboard"): the Orleans dashboard (on by default), the sweep pages
/// and JSON API (/sweeps, /api) and the health endpoints /health/live and /health/ready (always), bound to loopback
/// unless configured. <see cref="AccessToken"/> guards everything but the health endpoints (see Web/WebAccess).
/// </summary>
public sealed class DashboardSettings
{
    public const string Section = "Dashboard";

    public bool Enabled { get; set; } = true;

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 8080;

    /// <summary>A secret the web host's readers must present; required to read sweeps on a host bound beyond loopback.</summary>
    public string? AccessToken { get; set; }
}
