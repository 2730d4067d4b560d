namespace FaceKdGrid.Silo.Configuration;

/// <summary>
/// Which grain storage the silo registers (configuration section "Storage", next to the provider name that
/// FaceKdGrid.Grains.Hosting.GridStorageOptions reads from the same section).
/// </summary>
public sealed class StorageSettings
{
    public const string Section = "Storage";

    /// <summary>"memory" (default) registers in-memory grain storage; "external" leaves it to the host (e.g. Azure blobs).</summary>
    public string Kind { get; set; } = "memory";

    /// <summary>"memory" (default) uses in-memory reminders; "external" leaves the reminder table to the host.</summary>
    public string Reminders { get; set; } = "memory";
}
