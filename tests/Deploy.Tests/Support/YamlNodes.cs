using YamlDotNet.RepresentationModel;

namespace FaceKdGrid.Deploy.Tests.Support;

/// <summary>Null-tolerant navigation of YAML nodes: a missing key or a node of another shape gives null or nothing.</summary>
public static class YamlNodes
{
    public static YamlNode? Child(this YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    /// <summary>The node at the end of a path of keys.</summary>
    public static YamlNode? At(this YamlNode? node, params string[] keys) => keys.Aggregate(node, (current, key) => current.Child(key));

    public static string? Text(this YamlNode? node) => (node as YamlScalarNode)?.Value;

    public static IReadOnlyList<YamlNode> Items(this YamlNode? node) => node is YamlSequenceNode sequence ? [.. sequence.Children] : [];

    /// <summary>A mapping's entries whose keys are scalars, in file order.</summary>
    public static IReadOnlyList<KeyValuePair<string, YamlNode>> Entries(this YamlNode? node) =>
        node is YamlMappingNode mapping
            ? mapping.Children
                .Where(entry => entry.Key is YamlScalarNode { Value: not null })
                .Select(entry => KeyValuePair.Create(((YamlScalarNode)entry.Key).Value!, entry.Value))
                .ToList()
            : [];

    /// <summary>A scalar mapping as a dictionary (labels, selectors); entries with non-scalar values are left out.</summary>
    public static IReadOnlyDictionary<string, string> ScalarMap(this YamlNode? node) =>
        node.Entries()
            .Where(entry => entry.Value.Text() is not null)
            .ToDictionary(entry => entry.Key, entry => entry.Value.Text()!);
}
