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

    /// <summary>A local folder, a file per grain state (the embedded silo of facekd).</summary>
    public const string File = "file";

    public const string AzureTable = "azuretable";

    /// <summary>A host (e.g. a test cluster) that registers its own provider under the configured name.</summary>
    public const string External = "external";

    /// <summary>"memory" (default), "file" (<see cref="GrainsRoot"/>), "azureblob" (Azure:ConnectionString, behind a Polly pipeline) or "external".</summary>
    public string Kind { get; set; } = Memory;

    /// <summary>The folder of Kind "file", beside the artifact store's local root.</summary>
    public string GrainsRoot { get; set; } = ".facekd/grains";

    /// <summary>"memory" (default), "azuretable" (Azure:ConnectionString) or "external".</summary>
    public string Reminders { get; set; } = Memory;
}
