namespace FaceKdGrid.Grains.Specs;

/// <summary>The search space: one domain per key of <see cref="SearchKeys"/>; keys left out take their defaults.</summary>
[GenerateSerializer, Immutable, Alias("fkd.SearchSpaceSpec")]
public sealed record SearchSpaceSpec
{
    [Id(0)] public IReadOnlyList<SearchParameter> Parameters { get; init; } = [];

    public SearchDomain? Find(string key) => Parameters.FirstOrDefault(parameter => parameter.Key == key)?.Domain;
}
