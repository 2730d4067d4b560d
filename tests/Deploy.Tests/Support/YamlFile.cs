using YamlDotNet.RepresentationModel;

namespace FaceKdGrid.Deploy.Tests.Support;

/// <summary>A YAML file of the repository with its documents (aliases resolved, as YamlDotNet loads them).</summary>
public sealed record YamlFile(string RelativePath, IReadOnlyList<YamlNode> Documents)
{
    private static readonly Lazy<IReadOnlyList<YamlFile>> UnderDeployFolder = new(() => PathsUnderDeploy().Select(Load).ToList());

    /// <summary>Every *.yaml and *.yml file under deploy/, in path order.</summary>
    public static IReadOnlyList<YamlFile> UnderDeploy => UnderDeployFolder.Value;

    public static IReadOnlyList<string> PathsUnderDeploy() =>
        Directory.EnumerateFiles(RepositoryPaths.Full("deploy"), "*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal))
            .Select(RepositoryPaths.Relative)
            .Order(StringComparer.Ordinal)
            .ToList();

    public static YamlFile Load(string relativePath)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(RepositoryPaths.Full(relativePath)))
        {
            stream.Load(reader);
        }
        return new YamlFile(relativePath, stream.Documents.Select(document => document.RootNode).ToList());
    }

    /// <summary>The file at <paramref name="relativePath"/> among <see cref="UnderDeploy"/>.</summary>
    public static YamlFile Named(string relativePath) =>
        UnderDeploy.SingleOrDefault(file => file.RelativePath == relativePath)
        ?? throw new FileNotFoundException($"{relativePath} is not among the YAML files under deploy/");
}
