using System.Text.Json;
using FaceKdGrid.ClientLibrary;
using Xunit;

namespace FaceKdGrid.Client.Tests.ClientLibrary;

/// <summary>A program that only queries the grid gets the client library without the engine, the grains or the silo.</summary>
public sealed class ClientLibraryReferencesTests
{
    /// <summary>TorchSharp and libtorch packages, whatever their variant (cpu, cuda, PyBridge).</summary>
    private static readonly string[] ForbiddenPrefixes = ["TorchSharp", "libtorch"];

    /// <summary>The engine, the grains, the silo and the CLI, by assembly name.</summary>
    private static readonly string[] ForbiddenProjects = ["Distillation", "Grains", "Silo", "facekd-silo", "Client", "facekd"];

    [Fact]
    public void TheLibraryReferencesNeitherTorchSharpNorTheGrainsSiloOrEngine()
    {
        var referenced = typeof(GridClient).Assembly.GetReferencedAssemblies().Select(name => name.Name!).ToList();
        Assert.Contains("Grains.Interfaces", referenced);
        Assert.Contains("Orleans.Core", referenced);
        Assert.DoesNotContain(referenced, IsForbidden);

        // Everything the library's build pulls in, packages and projects, as its dependency manifest lists it.
        using var manifest = JsonDocument.Parse(File.ReadAllText(BuiltProject.File("ClientLibrary", "FaceKdGrid.ClientLibrary.deps.json")));
        var libraries = manifest.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name.Split('/')[0]).ToList();
        Assert.Contains("Microsoft.Orleans.Core", libraries);
        Assert.Contains("Grains.Interfaces", libraries);
        Assert.DoesNotContain(libraries, IsForbidden);
    }

    private static bool IsForbidden(string name) =>
        ForbiddenPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) || ForbiddenProjects.Contains(name, StringComparer.OrdinalIgnoreCase);
}
