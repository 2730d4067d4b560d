using YamlDotNet.RepresentationModel;

namespace FaceKdGrid.Deploy.Tests.Support;

/// <summary>A kustomization.yaml under deploy/k8s: the files it puts together, its patches and image overrides.</summary>
public sealed record Kustomization(string RelativePath, YamlNode Node)
{
    public const string FileName = "kustomization.yaml";

    private static readonly Lazy<IReadOnlyList<Kustomization>> InFolder = new(() =>
        YamlFile.UnderDeploy
            .Where(file => IsKustomization(file.RelativePath))
            .Select(file => new Kustomization(file.RelativePath, file.Documents.Single()))
            .ToList());

    public static IReadOnlyList<Kustomization> All => InFolder.Value;

    public static bool IsKustomization(string relativePath) => Path.GetFileName(relativePath) == FileName;

    public string Folder => Path.GetDirectoryName(RelativePath)!;

    /// <summary>The resources, repository-relative: files or other kustomization folders.</summary>
    public IReadOnlyList<string> Resources => Node.Child("resources").Items().Select(item => Resolve(item.Text()!)).ToList();

    public IReadOnlyList<string> PatchPaths => Node.Child("patches").Items().Select(item => Resolve(item.Child("path").Text()!)).ToList();

    public IReadOnlyList<YamlNode> Patches => Node.Child("patches").Items();

    public IReadOnlyList<YamlNode> Images => Node.Child("images").Items();

    public string Resolve(string path) => RepositoryPaths.Relative(Path.GetFullPath(Path.Combine(RepositoryPaths.Full(Folder), path)));

    /// <summary>Every object file this kustomization builds on, following resource folders to their kustomizations.</summary>
    public IReadOnlyList<string> ResourceFiles() =>
        Resources.SelectMany(resource => Directory.Exists(RepositoryPaths.Full(resource))
                ? All.Single(other => other.Folder == resource).ResourceFiles()
                : [resource])
            .ToList();
}
