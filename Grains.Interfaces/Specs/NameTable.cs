namespace FaceKdGrid.Grains.Specs;

/// <summary>The spec's spelling of each value of an enum (e.g. <c>indirect+feature</c>), both ways.</summary>
public sealed class NameTable<T>
    where T : struct, Enum
{
    private readonly IReadOnlyList<(string Name, T Value)> entries;

    public NameTable(params (string Name, T Value)[] entries)
    {
        this.entries = entries;
    }

    /// <summary>Every accepted spelling, in declaration order, for error messages.</summary>
    public IEnumerable<string> Names => entries.Select(entry => entry.Name);

    public string NameOf(T value)
    {
        foreach (var entry in entries)
        {
            if (EqualityComparer<T>.Default.Equals(entry.Value, value))
            {
                return entry.Name;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} has no spec name for this value");
    }

    public bool TryParse(string? name, out T value)
    {
        foreach (var entry in entries)
        {
            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = entry.Value;
                return true;
            }
        }
        value = default;
        return false;
    }
}
