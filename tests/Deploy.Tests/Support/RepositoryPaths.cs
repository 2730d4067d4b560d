namespace FaceKdGrid.Deploy.Tests.Support;

/// <summary>The repository the tests run in, found by walking up from the test's output folder to FaceKdGrid.sln.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The absolute path of <paramref name="relativePath"/> (forward slashes, relative to the root).</summary>
    public static string Full(string relativePath) => Path.GetFullPath(Path.Combine(Root, relativePath));

    /// <summary>The root-relative path of <paramref name="fullPath"/>, with forward slashes.</summary>
    public static string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');

    /// <summary>Whether a file or folder exists at the root-relative <paramref name="relativePath"/>.</summary>
    public static bool Exists(string relativePath) => File.Exists(Full(relativePath)) || Directory.Exists(Full(relativePath));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "FaceKdGrid.sln")))
            {
                return folder.FullName;
            }
        }
        throw new DirectoryNotFoundException($"no FaceKdGrid.sln above '{AppContext.BaseDirectory}'");
    }
}
