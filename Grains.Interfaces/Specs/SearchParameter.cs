namespace FaceKdGrid.Grains.Specs;

/// <summary>One search-space key (e.g. <c>aug.strength</c>) and its domain.</summary>
[GenerateSerializer, Immutable, Alias("fkd.SearchParameter")]
public sealed record SearchParameter
{
    [Id(0)] public string Key { get; init; } = "";

    [Id(1)] public SearchDomain Domain { get; init; } = SearchDomain.Fixed("");
}
