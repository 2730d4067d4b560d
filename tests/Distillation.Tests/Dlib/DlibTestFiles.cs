using FaceKdGrid.Distillation.Runtime;
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
        var script = RepositoryFiles.FindAbove(Path.Combine("tools", "dlib-reference.mjs"))
            ?? throw new DirectoryNotFoundException($"no tools/dlib-reference.mjs above '{AppContext.BaseDirectory}'");
        return Path.GetDirectoryName(script)!;
    }
}
