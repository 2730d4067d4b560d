namespace FaceKdGrid.Deploy.Tests.Support;

/// <summary>A Dockerfile of deploy/docker, read into stages; its images are named facekd-NAME (NAME.Dockerfile).</summary>
public sealed record Dockerfile(string RelativePath, IReadOnlyList<DockerStage> Stages)
{
    public const string Folder = "deploy/docker";

    public const string ImagePrefix = "facekd-";

    private static readonly Lazy<IReadOnlyList<Dockerfile>> InFolder = new(() =>
        Directory.EnumerateFiles(RepositoryPaths.Full(Folder), "*.Dockerfile")
            .Order(StringComparer.Ordinal)
            .Select(path => Load(RepositoryPaths.Relative(path)))
            .ToList());

    public static IReadOnlyList<Dockerfile> All => InFolder.Value;

    /// <summary>The image name of the default (last) stage: facekd-silo for silo.Dockerfile.</summary>
    public string ImageName => ImagePrefix + Path.GetFileName(RelativePath)[..^".Dockerfile".Length];

    /// <summary>The stage an image runs: the last one by default.</summary>
    public DockerStage Target(string? stageName = null) =>
        stageName is null ? Stages[^1] : Stages.Single(stage => stage.Name == stageName);

    /// <summary>
    /// The images this file builds: the last stage as <see cref="ImageName"/>, each other stage that has an ENTRYPOINT
    /// as ImageName-STAGE (facekd-silo-gpu for `--target gpu`).
    /// </summary>
    public IReadOnlyDictionary<string, DockerStage> Images
    {
        get
        {
            var images = Stages.Take(Stages.Count - 1)
                .Where(stage => stage.Name is not null && stage.Entrypoint is not null)
                .ToDictionary(stage => $"{ImageName}-{stage.Name}", stage => stage);
            images[ImageName] = Stages[^1];
            return images;
        }
    }

    public static Dockerfile Load(string relativePath)
    {
        var stages = new List<DockerStage>();
        foreach (var instruction in Instructions(File.ReadAllLines(RepositoryPaths.Full(relativePath))))
        {
            if (instruction.Keyword == "FROM")
            {
                var words = instruction.Words().Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToList();
                var name = words.Count == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                stages.Add(new DockerStage(name, words[0], []));
            }
            else if (stages.Count == 0)
            {
                throw new FormatException($"{relativePath} line {instruction.Line}: {instruction.Keyword} before the first FROM");
            }
            else
            {
                stages[^1] = stages[^1] with { Instructions = [.. stages[^1].Instructions, instruction] };
            }
        }
        return new Dockerfile(relativePath, stages);
    }

    /// <summary>Instructions with their continuation lines joined; comment lines (inside continuations too) skipped.</summary>
    private static IEnumerable<DockerInstruction> Instructions(IReadOnlyList<string> lines)
    {
        var text = new System.Text.StringBuilder();
        var firstLine = 0;
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index].Trim();
            if (line.StartsWith('#') || (line.Length == 0 && text.Length == 0))
            {
                continue;
            }
            if (text.Length == 0)
            {
                firstLine = index + 1;
            }
            var continues = line.EndsWith('\\');
            text.Append(continues ? line[..^1] : line).Append(' ');
            if (!continues)
            {
                var instruction = text.ToString().Trim();
                var space = instruction.IndexOf(' ', StringComparison.Ordinal);
                yield return space < 0
                    ? new DockerInstruction(instruction.ToUpperInvariant(), "", firstLine)
                    : new DockerInstruction(instruction[..space].ToUpperInvariant(), instruction[(space + 1)..].Trim(), firstLine);
                text.Clear();
            }
        }
    }
}
