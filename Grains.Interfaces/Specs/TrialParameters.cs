using System.Collections.Immutable;

namespace FaceKdGrid.Grains.Specs;

/// <summary>
/// The resolved value of every search key (<see cref="SearchKeys.All"/>) for one student trial, each in its canonical
/// spelling; keys a spec leaves out hold their defaults. Read a value with <see cref="Get{T}"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("fkd.TrialParameters")]
public sealed record TrialParameters
{
    private TrialParameters(ImmutableDictionary<string, string> values)
    {
        Values = values;
    }

    /// <summary>Every key's default.</summary>
    public static TrialParameters Defaults { get; } = FromValues(new Dictionary<string, string>());

    /// <summary>Canonical text per key name, for every key of <see cref="SearchKeys.All"/>.</summary>
    [Id(13)] public ImmutableDictionary<string, string> Values { get; private init; }

    public double CompressionRatio => Get(SearchKeys.CompressionRatio);

    public int Epochs => Get(SearchKeys.Epochs);

    /// <summary>
    /// Builds the parameters from one spelled value per key; keys left out take their defaults. Throws an
    /// <see cref="ArgumentException"/> naming the key for an unknown key or an invalid value.
    /// </summary>
    public static TrialParameters FromValues(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Keys.FirstOrDefault(name => SearchKeys.Find(name) is null) is { } unknown)
        {
            throw new ArgumentException($"'{unknown}' is not a search key", nameof(values));
        }
        return new TrialParameters(SearchKeys.All.ToImmutableDictionary(
            key => key.Name,
            key => key.Canonical(values.TryGetValue(key.Name, out var text) ? text : key.Default)));
    }

    public T Get<T>(SearchKey<T> key) => key.Read(Text(key));

    /// <summary>The canonical spelling of <paramref name="key"/>'s value.</summary>
    public string Text(SearchKey key) =>
        Values is not null && Values.TryGetValue(key.Name, out var text) ? text : key.Default;

    /// <summary>A copy with one key set to <paramref name="text"/>.</summary>
    public TrialParameters With(SearchKey key, string text) =>
        FromValues(new Dictionary<string, string>(Values) { [key.Name] = text });

    /// <summary>Every key with its value as the spec spells it (numbers as numbers), in canonical key order.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> ToNamedValues() =>
        SearchKeys.All.Select(key => new KeyValuePair<string, object>(key.Name, key.Value(Text(key)))).ToList();

    /// <summary>The same trial apart from <paramref name="ignored"/> (e.g. the seed, to group a trial's repeats).</summary>
    public string Signature(params SearchKey[] ignored) =>
        string.Join('|', SearchKeys.All.Where(key => !ignored.Contains(key)).Select(key => $"{key.Name}={Text(key)}"));

    public bool Equals(TrialParameters? other) => other is not null && Signature() == other.Signature();

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Signature());
}
