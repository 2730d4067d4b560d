using System.Globalization;

namespace FaceKdGrid.Grains.Specs;

/// <summary>
/// One key the search space accepts: its value type, default, the category names it allows and the bounds of
/// its numeric values. It checks one spelled value and says what is wrong with it.
/// </summary>
public sealed record SearchKey(
    string Name,
    SearchValueType ValueType,
    string Default,
    IReadOnlyList<string> Categories,
    double? Minimum = null,
    bool MinimumIsExclusive = false,
    double? Maximum = null)
{
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

    private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
