namespace FaceKdGrid.Silo.Configuration;

/// <summary>
/// Which grain storage and reminder table the silo registers (configuration section "Storage", next to the provider
/// name that FaceKdGrid.Grains.Hosting.GridStorageOptions reads from the same section).
/// </summary>
public sealed class StorageSettings
{
    public const string Section = "Storage";

    public const string Memory = "memory";

    public const string AzureBlob = "azureblob";

    public const string AzureTable = "azuretable";

    /// <summary>A host (e.g. a test cluster) that registers its own provider under the configured name.</summary>
    public const string External = "external";

    /// <summary>"memory" (default), "azureblob" (Azure:ConnectionString, behind a Polly pipeline) or "external".</summary>
    public string Kind { get; set; } = Memory;

    /// <summary>"memory" (default), "azuretable" (Azure:ConnectionString) or "external".</summary>
    public string Reminders { get; set; } = Memory;
}
