namespace FaceKdGrid.Distillation.Runtime;

/// <summary>
/// Finds files that live in the source repository rather than in the build output (the Node tools under tools/ and
/// the packages npm installs beside them), so that tests, the CLI and a silo started from anywhere inside a checkout
/// find them.
/// </summary>
public static class RepositoryFiles
{
    /// <summary>The command that installs the Node packages under tools/.</summary>
    public const string NodeInstallCommand = "npm ci --prefix tools";

    /// <summary>
    /// The full path of <paramref name="relativePath"/> (a file or folder) in the nearest folder that has it, walking
    /// up from the current directory and then from the app's base directory; null when no such folder exists.
    /// </summary>
    public static string? FindAbove(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        return new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory }
            .Select(start => FindAbove(start, relativePath))
            .FirstOrDefault(found => found is not null);
    }

    private static string? FindAbove(string start, string relativePath)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relativePath);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
