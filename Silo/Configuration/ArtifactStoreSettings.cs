namespace FaceKdGrid.Silo.Configuration;

/// <summary>
/// Where the engine's artifact store keeps shards, teacher caches and checkpoints (configuration section
/// "ArtifactStore"): a local folder by default, or a blob container. Either way behind the store's Polly pipeline.
/// </summary>
public sealed class ArtifactStoreSettings
{
    public const string Section = "ArtifactStore";

    public const string Local = "local";

    public const string AzureBlob = "azureblob";

    /// <summary>"local" (default) or "azureblob" (Azure:ConnectionString).</summary>
    public string Kind { get; set; } = Local;

    /// <summary>The local folder.</summary>
    public string Root { get; set; } = ".facekd/artifacts";

    /// <summary>The blob container.</summary>
    public string Container { get; set; } = "facekd";
}
