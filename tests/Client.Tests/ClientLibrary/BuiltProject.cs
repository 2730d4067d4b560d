using System.Reflection;

namespace FaceKdGrid.Client.Tests.ClientLibrary;

/// <summary>
/// A file in another project's own build output, in the configuration these tests were built in (this project
/// references those projects, so they are built first).
/// </summary>
internal static class BuiltProject
{
    public static string File(string projectFolder, string fileName)
    {
        var configuration = typeof(BuiltProject).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "FaceKdGrid.sln")))
            {
                var path = Path.Combine(folder.FullName, projectFolder, "bin", configuration, "net10.0", fileName);
                return System.IO.File.Exists(path)
                    ? path
                    : throw new FileNotFoundException($"'{path}' is missing: build the solution in {configuration} first", path);
            }
        }
        throw new DirectoryNotFoundException($"no FaceKdGrid.sln above '{AppContext.BaseDirectory}'");
    }
}
