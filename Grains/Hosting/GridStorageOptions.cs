namespace FaceKdGrid.Grains.Hosting;

/// <summary>Which grain-storage provider holds the grid's persisted state (configuration section "Storage").</summary>
public sealed class GridStorageOptions
{
    public const string Section = "Storage";

    /// <summary>The name the storage provider is registered under (memory by default; Azure blob later).</summary>
    public string ProviderName { get; set; } = "facekd";
}
