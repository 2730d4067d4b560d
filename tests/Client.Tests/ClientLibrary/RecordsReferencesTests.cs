using System.Text.Json;
using FaceKdGrid.Records;
using Xunit;

namespace FaceKdGrid.Client.Tests.ClientLibrary;

/// <summary>
/// The records the engine and the grid share depend on nothing: the engine must not get Orleans through them, nor the
/// client library TorchSharp.
/// </summary>
public sealed class RecordsReferencesTests
{
    [Fact]
    public void TheSharedRecordsReferenceOnlyTheRuntime()
    {
        var referenced = typeof(EpochMetrics).Assembly.GetReferencedAssemblies().Select(name => name.Name!).ToList();
        Assert.All(referenced, name => Assert.StartsWith("System.", name, StringComparison.Ordinal));

        // Everything the project's build pulls in, packages and projects, as its dependency manifest lists it: itself only.
        using var manifest = JsonDocument.Parse(File.ReadAllText(BuiltProject.File("Records", "FaceKdGrid.Records.deps.json")));
        var libraries = manifest.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name.Split('/')[0]);
        Assert.Equal(["FaceKdGrid.Records"], libraries);
    }
}
