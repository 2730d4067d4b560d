namespace FaceKdGrid.Distillation.Storage;

/// <summary>Validation shared by every store: keys are relative, '/'-separated, without empty or dot segments.</summary>
public static class ArtifactKey
{
    public static string Validate(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.StartsWith('/') || key.Contains('\\') || key.Split('/').Any(s => s.Length == 0 || s == "." || s == ".."))
        {
            throw new ArgumentException($"artifact key '{key}' must be a relative path of non-empty segments without '.' or '..'", nameof(key));
        }
        return key;
    }

    /// <summary>Joins segments into a key, validating the result.</summary>
    public static string Combine(params string[] segments) => Validate(string.Join('/', segments));
}
