using System.Text.Json;

namespace FaceKdGrid.Deploy.Tests.Support;

/// <summary>One build stage of a Dockerfile: FROM image [AS name] and the instructions up to the next FROM.</summary>
public sealed record DockerStage(string? Name, string BaseImage, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> Named(string keyword) => Instructions.Where(instruction => instruction.Keyword == keyword);

    public IReadOnlyList<DockerCopy> Copies => Named("COPY").Select(DockerCopy.Parse).ToList();

    /// <summary>The ENV variables the stage sets (KEY=VALUE pairs; later ones win).</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var word in Named("ENV").SelectMany(instruction => instruction.Words()))
            {
                var equals = word.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new FormatException($"ENV in stage {Name}: '{word}' is not KEY=VALUE");
                }
                variables[word[..equals]] = word[(equals + 1)..];
            }
            return variables;
        }
    }

    /// <summary>The exec-form ENTRYPOINT (a JSON array), or null when the stage has none.</summary>
    public IReadOnlyList<string>? Entrypoint =>
        Named("ENTRYPOINT").LastOrDefault() is { } entrypoint ? JsonSerializer.Deserialize<string[]>(entrypoint.Arguments) : null;

    public IReadOnlyList<int> ExposedPorts => Named("EXPOSE").SelectMany(instruction => instruction.Words()).Select(int.Parse).ToList();

    public string? User => Named("USER").LastOrDefault()?.Arguments;
}
