using FaceKdGrid.Distillation.Runtime;

namespace FaceKdGrid.Distillation.Tests.Evaluation;

/// <summary>Where face-api's npm package (its models and demo photos) is installed above the test binaries; null when it is not.</summary>
internal static class FaceApiPackage
{
    public static string? Directory { get; } = RepositoryFiles.FindAbove(Path.Combine("tools", "node_modules", "@vladmandic", "face-api"));

    /// <summary>The package's six demo photos, sample1.jpg to sample6.jpg.</summary>
    public static IReadOnlyList<string> DemoPhotos =>
        Enumerable.Range(1, 6).Select(i => Path.Combine(Directory!, "demo", $"sample{i}.jpg")).ToArray();

    public static string ModelDirectory => Path.Combine(Directory!, "model");
}
