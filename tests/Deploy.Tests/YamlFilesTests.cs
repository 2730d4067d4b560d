using FaceKdGrid.Deploy.Tests.Support;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace FaceKdGrid.Deploy.Tests;

public sealed class YamlFilesTests
{
    public static TheoryData<string> Files()
    {
        var files = new TheoryData<string>();
        foreach (var path in YamlFile.PathsUnderDeploy())
        {
            files.Add(path);
        }
        return files;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ParsesIntoMappings(string relativePath)
    {
        var file = YamlFile.Load(relativePath);

        Assert.NotEmpty(file.Documents);
        Assert.All(file.Documents, document => Assert.IsType<YamlMappingNode>(document));
    }

    [Fact]
    public void DeployHoldsComposeAndKubernetesFiles()
    {
        var paths = YamlFile.PathsUnderDeploy();

        Assert.Contains(ComposeFile.MainPath, paths);
        Assert.Contains(paths, path => path.StartsWith(KubernetesObject.Folder + "/", StringComparison.Ordinal));
    }

    [Fact]
    public void DuplicateKeysAreRejected()
    {
        // A repeated key silently overrides the first in many tools; the loader these tests use refuses it.
        var stream = new YamlStream();

        Assert.ThrowsAny<Exception>(() => stream.Load(new StringReader("a: 1\na: 2\n")));
    }
}
