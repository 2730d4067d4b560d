using System.Globalization;

namespace FaceKdGrid.Grains.Specs;

/// <summary>
/// Where one key's values come from. Listed values (fixed, grid, choice) are kept as the spec spells them and
/// typed by <see cref="SearchKeys"/>; ranges (uniform, loguniform, randint) use <see cref="Low"/> and <see cref="High"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("fkd.SearchDomain")]
public sealed record SearchDomain
{
    [Id(0)] public SearchDomainKind Kind { get; init; }

    [Id(1)] public IReadOnlyList<string> Values { get; init; } = [];

    [Id(2)] public double Low { get; init; }

    [Id(3)] public double High { get; init; }

    /// <summary>Whether this domain is drawn at random rather than enumerated.</summary>
    public bool IsRandom => Kind is SearchDomainKind.Choice or SearchDomainKind.Uniform or SearchDomainKind.LogUniform or SearchDomainKind.RandInt;

    public static SearchDomain Fixed(string value) => new() { Kind = SearchDomainKind.Fixed, Values = [value] };

    public static SearchDomain Fixed(double value) => Fixed(value.ToString("R", CultureInfo.InvariantCulture));

    public static SearchDomain Grid(params string[] values) => new() { Kind = SearchDomainKind.Grid, Values = values };

    public static SearchDomain Grid(params double[] values) =>
        Grid(values.Select(value => value.ToString("R", CultureInfo.InvariantCulture)).ToArray());

    public static SearchDomain Choice(params string[] values) => new() { Kind = SearchDomainKind.Choice, Values = values };

    public static SearchDomain Range(SearchDomainKind kind, double low, double high) => new() { Kind = kind, Low = low, High = high };
}
