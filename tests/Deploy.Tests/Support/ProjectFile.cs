using System.Xml.Linq;

namespace FaceKdGrid.Deploy.Tests.Support;

/// <summary>A .csproj of the repository: its SDK, the assembly it builds and the projects it references.</summary>
public sealed record ProjectFile(string RelativePath, string Sdk, string AssemblyName, IReadOnlyList<string> References)
{
    public const string WebSdk = "Microsoft.NET.Sdk.Web";

    public static ProjectFile Load(string relativePath)
    {
        var project = XDocument.Load(RepositoryPaths.Full(relativePath)).Root!;
        var folder = Path.GetDirectoryName(RepositoryPaths.Full(relativePath))!;
        var references = project.Descendants("ProjectReference")
            .Select(reference => RepositoryPaths.Relative(Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value))))
            .ToList();
        var assemblyName = project.Descendants("AssemblyName").FirstOrDefault()?.Value ?? Path.GetFileNameWithoutExtension(relativePath);
        return new ProjectFile(relativePath, project.Attribute("Sdk")?.Value ?? "", assemblyName, references);
    }

    /// <summary>This project and every project it references, directly or not.</summary>
    public IReadOnlyList<ProjectFile> WithReferences()
    {
        var found = new Dictionary<string, ProjectFile>(StringComparer.Ordinal);
        var pending = new Stack<ProjectFile>([this]);
        while (pending.TryPop(out var project))
        {
            if (found.TryAdd(project.RelativePath, project))
            {
                foreach (var reference in project.References)
                {
                    pending.Push(Load(reference));
                }
            }
        }
        return [.. found.Values];
    }
}
