namespace FaceKdGrid.Silo.Configuration;

/// <summary>
/// The storage account behind tables, grain blobs and artifacts (configuration section "Azure"). The connection
/// string is a secret: set it through the environment (FACEKD_Azure__ConnectionString) and never log it.
/// </summary>
public sealed class AzureSettings
{
    public const string Section = "Azure";

    public const string ConnectionStringSetting = "Azure:ConnectionString";

    public string? ConnectionString { get; set; }

    public override string ToString() => $"{ConnectionStringSetting}: {(ConnectionString is null ? "unset" : "(set, not shown)")}";
}
