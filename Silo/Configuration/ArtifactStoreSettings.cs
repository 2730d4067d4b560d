namespace FaceKdGrid.Silo.Configuration;

/// <summary>
/// Where the engine's artifact store keeps shards, teacher caches and checkpoints (configuration section
/// "ArtifactStore"): a local folder by default. The store itself is the engine's; the silo only configures it.
/// </summary>
public sealed class ArtifactStoreSettings
{
    public const string Section = "ArtifactStore";

    public string Root { get; set; } = ".facekd/artifacts";
}
