using System.Globalization;
using FaceKdGrid.Grains.Specs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FaceKdGrid.Client.Specs;

/// <summary>
/// Reads typed fields out of YAML mappings, collecting one <see cref="SpecError"/> per problem (with the field path)
/// instead of stopping at the first.
/// </summary>
internal sealed class YamlFieldReader
{
    private readonly List<SpecError> errors = [];

    public IReadOnlyList<SpecError> Errors => errors;

    public void Fail(string field, string problem) => errors.Add(new SpecError(field, problem));

    public static bool IsNull(YamlNode? node) =>
        node is null || node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>The node as a mapping whose keys are all in <paramref name="known"/>; null (and an error) otherwise.</summary>
    public YamlMappingNode? Mapping(YamlNode node, string path, IReadOnlyList<string> known)
    {
        if (node is not YamlMappingNode mapping)
        {
            Fail(path.Length == 0 ? "spec" : path, $"must be a mapping of {string.Join(", ", known)}");
            return null;
        }
        foreach (var key in mapping.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                Fail(path.Length == 0 ? "spec" : path, "has a key that is not a plain name");
            }
            else if (!known.Contains(name))
            {
                Fail(Join(path, name), NameSuggestions.UnknownName(name, known));
            }
        }
        return mapping;
    }

    public static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public string? Scalar(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }
        Fail(field, "must be a single value, not a list or mapping");
        return null;
    }

    public string String(YamlMappingNode mapping, string path, string key, string fallback) =>
        OptionalString(mapping, path, key) ?? fallback;

    public string? OptionalString(YamlMappingNode mapping, string path, string key)
    {
        var node = Child(mapping, key);
        return IsNull(node) ? null : Scalar(node!, Join(path, key));
    }

    public int Int(YamlMappingNode mapping, string path, string key, int fallback)
    {
        var text = OptionalString(mapping, path, key);
        if (text is null)
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        Fail(Join(path, key), $"'{text}' is not an integer");
        return fallback;
    }

    public double Double(YamlMappingNode mapping, string path, string key, double fallback)
    {
        var text = OptionalString(mapping, path, key);
        return text is null ? fallback : ParseDouble(text, Join(path, key)) ?? fallback;
    }

    /// <summary>One number or a list of numbers; null when the key is absent.</summary>
    public double[]? Numbers(YamlMappingNode mapping, string path, string key)
    {
        var node = Child(mapping, key);
        var field = Join(path, key);
        if (IsNull(node))
        {
            return null;
        }
        if (node is YamlSequenceNode list)
        {
            var values = list.Children.Select(item => Scalar(item, field) is { } text ? ParseDouble(text, field) : null).ToList();
            return values.All(value => value is not null) ? values.Select(value => value!.Value).ToArray() : null;
        }
        return Scalar(node!, field) is { } single && ParseDouble(single, field) is { } number ? [number] : null;
    }

    public double? ParseDouble(string text, string field)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }
        Fail(field, $"'{text}' is not a number");
        return null;
    }

    public T Named<T>(YamlMappingNode mapping, string path, string key, NameTable<T> table, T fallback)
        where T : struct, Enum
    {
        var text = OptionalString(mapping, path, key);
        if (text is null)
        {
            return fallback;
        }
        if (table.TryParse(text, out var value))
        {
            return value;
        }
        var closest = NameSuggestions.Closest(text, table.Names);
        Fail(Join(path, key), $"'{text}' is not one of {string.Join(", ", table.Names)}{(closest is null ? "" : $"; did you mean '{closest}'?")}");
        return fallback;
    }
}
