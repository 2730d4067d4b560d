namespace FaceKdGrid.Grains.Sweeps;

[GenerateSerializer, Alias("fkd.SweepCatalogState")]
public sealed class SweepCatalogState
{
    [Id(0)] public List<string> SweepIds { get; set; } = [];
}
