namespace FaceKdGrid.Deploy.Tests.Support;

/// <summary>A COPY instruction: from the build context, or from a stage or image (--from).</summary>
public sealed record DockerCopy(string? From, IReadOnlyList<string> Sources, string Destination, int Line)
{
    private const string FromFlag = "--from=";

    public static DockerCopy Parse(DockerInstruction instruction)
    {
        var words = instruction.Words();
        var from = words.FirstOrDefault(word => word.StartsWith(FromFlag, StringComparison.Ordinal))?[FromFlag.Length..];
        var paths = words.Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (paths.Count < 2)
        {
            throw new FormatException($"line {instruction.Line}: COPY needs a source and a destination: '{instruction.Arguments}'");
        }
        return new DockerCopy(from, paths[..^1], paths[^1], instruction.Line);
    }

    /// <summary>
    /// The build-context path that lands at <paramref name="imagePath"/> when this copy (of folders, from the context)
    /// put it there; null otherwise.
    /// </summary>
    public string? ContextPathOf(string imagePath)
    {
        if (From is not null || !Destination.EndsWith('/') || !imagePath.StartsWith(Destination, StringComparison.Ordinal))
        {
            return null;
        }
        var below = imagePath[Destination.Length..];
        return Sources
            .Where(source => source.EndsWith('/'))
            .Select(source => source + below)
            .FirstOrDefault(RepositoryPaths.Exists);
    }
}
