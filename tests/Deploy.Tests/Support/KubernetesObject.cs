using YamlDotNet.RepresentationModel;

namespace FaceKdGrid.Deploy.Tests.Support;

/// <summary>A Kubernetes object (or a kustomize patch of one) from a YAML document under deploy/k8s.</summary>
public sealed record KubernetesObject(string RelativePath, YamlNode Node)
{
    public const string Folder = "deploy/k8s";

    private static readonly Lazy<IReadOnlyList<KubernetesObject>> InFolder = new(() =>
        YamlFile.UnderDeploy
            .Where(file => file.RelativePath.StartsWith(Folder + "/", StringComparison.Ordinal) && !Kustomization.IsKustomization(file.RelativePath))
            .SelectMany(file => file.Documents.Select(document => new KubernetesObject(file.RelativePath, document)))
            .ToList());

    /// <summary>Every object and patch under deploy/k8s.</summary>
    public static IReadOnlyList<KubernetesObject> All => InFolder.Value;

    /// <summary>The whole objects (no patches): what a cluster receives.</summary>
    public static IReadOnlyList<KubernetesObject> Manifests => All.Where(item => !item.IsPatch).ToList();

    public static IReadOnlyList<KubernetesObject> Patches => All.Where(item => item.IsPatch).ToList();

    public string? Kind => Node.Child("kind").Text();

    public string? Name => Node.At("metadata", "name").Text();

    public bool IsPatch => Kustomization.All.Any(kustomization => kustomization.PatchPaths.Contains(RelativePath));

    /// <summary>The pod template's spec (Deployments, Jobs), or null.</summary>
    public YamlNode? PodSpec => Node.At("spec", "template", "spec");

    public IReadOnlyList<YamlNode> Containers => PodSpec.Child("containers").Items();

    public static KubernetesObject Single(string kind, string name) =>
        Manifests.SingleOrDefault(item => item.Kind == kind && item.Name == name)
        ?? throw new KeyNotFoundException($"no {kind} '{name}' under {Folder}");

    public static IReadOnlyList<KubernetesObject> OfKind(string kind) => Manifests.Where(item => item.Kind == kind).ToList();

    public override string ToString() => $"{Kind} {Name} ({RelativePath})";
}
