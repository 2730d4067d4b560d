using FaceKdGrid.Client.Specs;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Grains.Engine;
using Xunit;

namespace FaceKdGrid.Client.Tests.Specs;

/// <summary>The specs in examples/ (the README's main command runs one) stay valid as the spec and the engine change.</summary>
public sealed class ExampleSpecsTests
{
    public static TheoryData<string> Examples =>
        [.. Directory.GetFiles(RepositoryFiles.FindAbove("examples") ?? throw new DirectoryNotFoundException("examples/ above the test's folder"), "*.yaml")
            .Select(Path.GetFileName).OfType<string>().Order()];

    [Theory]
    [MemberData(nameof(Examples))]
    public void AnExampleSpecParsesAndTheEngineAcceptsIt(string file)
    {
        var parsed = SweepSpecYaml.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.FindAbove("examples")!, file)));

        Assert.True(parsed.Errors.Count == 0, $"{file}: {string.Join("; ", parsed.Errors)}");
        Assert.Empty(EngineSpecCheck.Validate(parsed.Spec!));
    }
}
