namespace FaceKdGrid.Grains.Specs;

/// <summary>"Did you mean" for misspelt names: the closest known name within a small edit distance.</summary>
public static class NameSuggestions
{
    /// <summary>The closest of <paramref name="known"/> to <paramref name="name"/>, or null when none is close.</summary>
    public static string? Closest(string name, IEnumerable<string> known)
    {
        var candidates = known.ToList();
        // A prefix ("acc" for "accuracy") is as telling as a typo.
        var extended = candidates.FirstOrDefault(candidate => name.Length >= 3 && candidate.StartsWith(name, StringComparison.OrdinalIgnoreCase));
        if (extended is not null)
        {
            return extended;
        }
        var limit = Math.Max(2, name.Length / 3);
        return candidates
            .Select(candidate => (Candidate: candidate, Distance: EditDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant())))
            .Where(match => match.Distance <= limit)
            .OrderBy(match => match.Distance)
            .Select(match => match.Candidate)
            .FirstOrDefault();
    }

    /// <summary>The "unknown field" message, with a suggestion when one is close.</summary>
    public static string UnknownName(string name, IEnumerable<string> known)
    {
        var names = known.ToList();
        var closest = Closest(name, names);
        return closest is null
            ? $"unknown field '{name}'; known fields: {string.Join(", ", names)}"
            : $"unknown field '{name}'; did you mean '{closest}'?";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
