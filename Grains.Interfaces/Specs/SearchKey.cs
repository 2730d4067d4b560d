using System.Globalization;

namespace FaceKdGrid.Grains.Specs;

/// <summary>
/// One key the search space accepts, declared once in <see cref="SearchKeys"/>: its name, value type, default, the
/// category names or numeric bounds it allows, a help text and a short column header. The YAML reader, validation,
/// <see cref="TrialParameters"/>, the result columns and the README's reference all read it; the engine's mapping
/// of the value lives beside the engine (Grains/Engine) and is checked against this list by a test.
/// </summary>
public abstract record SearchKey
{
    private protected SearchKey(string name, SearchValueType valueType, string defaultText, string help)
    {
        Name = name;
        ValueType = valueType;
        Default = defaultText;
        Help = help;
    }

    public string Name { get; }

    public SearchValueType ValueType { get; }

    /// <summary>The default as the spec spells it.</summary>
    public string Default { get; }

    /// <summary>One line for the README's reference and error messages.</summary>
    public string Help { get; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    public double? Minimum { get; init; }

    public bool MinimumIsExclusive { get; init; }

    public double? Maximum { get; init; }

    /// <summary>A short column name for the console table; the key's name when it is short already.</summary>
    public string? Header { get; init; }

    public string ColumnHeader => Header ?? Name;

    /// <summary>Null when <paramref name="text"/> is a valid value of this key, else the problem.</summary>
    public string? Check(string text)
    {
        switch (ValueType)
        {
            case SearchValueType.Category:
                return Categories.Contains(text, StringComparer.OrdinalIgnoreCase)
                    ? null
                    : $"'{text}' is not one of {string.Join(", ", Categories)}";
            case SearchValueType.Integer:
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole)
                    ? CheckBounds(whole)
                    : $"'{text}' is not an integer";
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real)
                    ? CheckBounds(real)
                    : $"'{text}' is not a number";
        }
    }

    /// <summary>Null when <paramref name="value"/> lies within this key's bounds, else the problem.</summary>
    public string? CheckBounds(double value)
    {
        if (Minimum is { } minimum && (MinimumIsExclusive ? value <= minimum : value < minimum))
        {
            return MinimumIsExclusive ? $"{Format(value)} must be greater than {Format(minimum)}" : $"{Format(value)} must be at least {Format(minimum)}";
        }
        if (Maximum is { } maximum && value > maximum)
        {
            return $"{Format(value)} must be at most {Format(maximum)}";
        }
        return null;
    }

    /// <summary>The one spelling of a valid value (category names as declared, numbers round-trip and invariant).</summary>
    public string Canonical(string text)
    {
        if (Check(text) is { } problem)
        {
            throw new ArgumentException($"{Name}: {problem}", nameof(text));
        }
        return ValueType switch
        {
            SearchValueType.Category => Categories.First(category => string.Equals(category, text, StringComparison.OrdinalIgnoreCase)),
            SearchValueType.Integer => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            _ => Format(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>A canonical value as a number or a name, for JSON and tables.</summary>
    public object Value(string canonical) => ValueType switch
    {
        SearchValueType.Category => canonical,
        SearchValueType.Integer => int.Parse(canonical, CultureInfo.InvariantCulture),
        _ => double.Parse(canonical, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>What the key accepts, in words, for the README's reference.</summary>
    public string Accepts => ValueType switch
    {
        SearchValueType.Category => string.Join(" \\| ", Categories),
        _ => (ValueType == SearchValueType.Integer ? "integer" : "number") + BoundsText,
    };

    private string BoundsText => (Minimum, Maximum) switch
    {
        ({ } low, { } high) => $" in [{Format(low)}, {Format(high)}]",
        ({ } low, null) => MinimumIsExclusive ? $" > {Format(low)}" : $" ≥ {Format(low)}",
        (null, { } high) => $" ≤ {Format(high)}",
        _ => "",
    };

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A search key whose values read as <typeparamref name="T"/> (double, int or a category name).</summary>
public sealed record SearchKey<T> : SearchKey
{
    internal SearchKey(string name, SearchValueType valueType, string defaultText, string help)
        : base(name, valueType, defaultText, help)
    {
    }

    /// <summary>The typed value of a canonical spelling.</summary>
    public T Read(string canonical) => (T)Value(canonical);
}
