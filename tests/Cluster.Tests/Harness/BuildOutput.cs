using System.Reflection;

namespace FaceKdGrid.Cluster.Tests.Harness;

/// <summary>
/// Finds a program in its project's own build output (this project references the projects, so they are built first),
/// in the configuration these tests were built in: it runs from its folder with its own dependencies.
/// </summary>
internal static class BuildOutput
{
    public static string Of(string project, string assembly)
    {
        var configuration = typeof(BuildOutput).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "FaceKdGrid.sln")))
            {
                var binary = Path.Combine(folder.FullName, project, "bin", configuration, "net10.0", assembly);
                return File.Exists(binary)
                    ? binary
                    : throw new FileNotFoundException($"'{binary}' is missing: build the solution in {configuration} first", binary);
            }
        }
        throw new DirectoryNotFoundException($"no FaceKdGrid.sln above '{AppContext.BaseDirectory}'");
    }
}
