namespace FaceKdGrid.Deploy.Tests.Support;

/// <summary>A Compose env_file: KEY=VALUE lines taken literally; blank lines and # comments skipped.</summary>
public static class EnvFile
{
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string relativePath) =>
        File.ReadAllLines(RepositoryPaths.Full(relativePath))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line =>
            {
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new FormatException($"{relativePath}: '{line}' is not KEY=VALUE");
                }
                return KeyValuePair.Create(line[..equals], line[(equals + 1)..]);
            })
            .ToList();
}
