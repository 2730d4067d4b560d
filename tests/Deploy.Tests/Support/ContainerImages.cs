namespace FaceKdGrid.Deploy.Tests.Support;

/// <summary>The images the deploy files may name: those built from deploy/docker, and a few pinned public ones.</summary>
public static class ContainerImages
{
    /// <summary>Public repositories allowed as bases or services: .NET, Azurite, Node (weights stage), CUDA PyTorch.</summary>
    public static readonly string[] PublicRepositories =
    [
        "mcr.microsoft.com/dotnet/sdk",
        "mcr.microsoft.com/dotnet/aspnet",
        "mcr.microsoft.com/dotnet/runtime",
        "mcr.microsoft.com/azure-storage/azurite",
        "node",
        "pytorch/pytorch",
    ];

    /// <summary>Every image a Dockerfile of the repository builds, by name, with its stage.</summary>
    public static IReadOnlyDictionary<string, DockerStage> BuiltHere =>
        Dockerfile.All.SelectMany(file => file.Images).ToDictionary();

    /// <summary>An image reference split into repository and tag (null when it has none); a registry port is not a tag.</summary>
    public static (string Repository, string? Tag) Split(string image)
    {
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? (image[..colon], image[(colon + 1)..]) : (image, null);
    }

    /// <summary>The name a built image goes by in any registry: the repository's last segment (registry.example/facekd-silo).</summary>
    public static string BuiltName(string image)
    {
        var repository = Split(image).Repository;
        return repository[(repository.LastIndexOf('/') + 1)..];
    }

    public static bool IsBuiltHere(string image) => BuiltHere.ContainsKey(BuiltName(image));

    /// <summary>An allowed public repository with a pinned tag (not "latest").</summary>
    public static bool IsAllowedPublic(string image)
    {
        var (repository, tag) = Split(image);
        return PublicRepositories.Contains(repository, StringComparer.Ordinal) && tag is not null && tag != "latest";
    }

    public static bool IsKnown(string image) => IsBuiltHere(image) || IsAllowedPublic(image);
}
