using System.Reflection;

namespace FaceKdGrid.Cluster.Tests.Harness;

/// <summary>
/// Finds facekd-silo.dll in the Silo project's own build output (this project references it, so it is built first),
/// in the configuration these tests were built in: the silo runs from its folder with its own dependencies.
/// </summary>
internal static class SiloBinary
{
    private static readonly Lazy<string> Located = new(Locate);

    public static string Path => Located.Value;

    private static string Locate()
    {
        var configuration = typeof(SiloBinary).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "FaceKdGrid.sln")))
            {
                var binary = System.IO.Path.Combine(folder.FullName, "Silo", "bin", configuration, "net10.0", "facekd-silo.dll");
                return File.Exists(binary)
                    ? binary
                    : throw new FileNotFoundException($"'{binary}' is missing: build the solution in {configuration} first", binary);
            }
        }
        throw new DirectoryNotFoundException($"no FaceKdGrid.sln above '{AppContext.BaseDirectory}'");
    }
}
