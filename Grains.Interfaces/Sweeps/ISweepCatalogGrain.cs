namespace FaceKdGrid.Grains.Sweeps;

/// <summary>The ids of every sweep ever submitted (singleton, key 0), for listing. Persisted.</summary>
[Alias("fkd.ISweepCatalogGrain")]
public interface ISweepCatalogGrain : IGrainWithIntegerKey
{
    [Alias("Add")]
    Task AddAsync(string sweepId);

    [Alias("List")]
    Task<IReadOnlyList<string>> ListAsync();
}
