using Xunit;

namespace FaceKdGrid.Distillation.Tests.Dlib;

/// <summary>Where the tests find the repository's tools/ folder and face-api's model files.</summary>
internal static class DlibTestFiles
{
    public static string ToolsDirectory { get; } = FindToolsDirectory();

    public static string ReferenceScript => Path.Combine(ToolsDirectory, "dlib-reference.mjs");

    /// <summary>face-api's model folder; fails the test with the install command when tools/node_modules is missing.</summary>
    public static string RequireModelDirectory()
    {
        var modelDirectory = Path.Combine(ToolsDirectory, "node_modules", "@vladmandic", "face-api", "model");
        Assert.True(Directory.Exists(modelDirectory),
            $"'{modelDirectory}' is missing: run `npm ci --prefix tools` in the repository root first");
        return modelDirectory;
    }

    private static string FindToolsDirectory()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var tools = Path.Combine(folder.FullName, "tools");
            if (File.Exists(Path.Combine(tools, "dlib-reference.mjs")))
            {
                return tools;
            }
        }
        throw new DirectoryNotFoundException($"no tools/dlib-reference.mjs above '{AppContext.BaseDirectory}'");
    }
}
