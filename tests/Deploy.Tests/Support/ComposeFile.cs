using YamlDotNet.RepresentationModel;

namespace FaceKdGrid.Deploy.Tests.Support;

/// <summary>A Compose file under deploy/ (compose*.yaml): its services and their environment.</summary>
public sealed record ComposeFile(YamlFile File)
{
    public const string MainPath = "deploy/compose.yaml";

    public static ComposeFile Main => new(YamlFile.Named(MainPath));

    public static IReadOnlyList<ComposeFile> All =>
        YamlFile.UnderDeploy
            .Where(file => Path.GetDirectoryName(file.RelativePath) == "deploy" && Path.GetFileName(file.RelativePath).StartsWith("compose", StringComparison.Ordinal))
            .Select(file => new ComposeFile(file))
            .ToList();

    public YamlNode Root => File.Documents.Single();

    public IReadOnlyList<KeyValuePair<string, YamlNode>> Services => Root.Child("services").Entries();

    public YamlNode Service(string name) =>
        Root.At("services", name) ?? throw new KeyNotFoundException($"{File.RelativePath} has no service '{name}'");

    /// <summary>A path as Compose reads it (relative to the file's folder), made repository-relative.</summary>
    public string Resolve(string path) =>
        RepositoryPaths.Relative(Path.GetFullPath(Path.Combine(RepositoryPaths.Full(Path.GetDirectoryName(File.RelativePath)!), path)));

    /// <summary>The service's env_file entries, repository-relative.</summary>
    public IReadOnlyList<string> EnvFiles(YamlNode service)
    {
        var entries = service.Child("env_file") is YamlScalarNode single ? [single] : service.Child("env_file").Items();
        return entries.Select(entry => Resolve(entry.Text() ?? entry.Child("path").Text()!)).ToList();
    }

    /// <summary>The service's environment: its env files, then its environment section (mapping or KEY=VALUE list).</summary>
    public IReadOnlyDictionary<string, string> Environment(YamlNode service)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in EnvFiles(service).SelectMany(EnvFile.Read))
        {
            variables[name] = value;
        }
        var environment = service.Child("environment");
        foreach (var (name, value) in environment.Entries())
        {
            variables[name] = value.Text() ?? "";
        }
        foreach (var item in environment.Items().Select(item => item.Text()!))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            variables[equals < 0 ? item : item[..equals]] = equals < 0 ? "" : item[(equals + 1)..];
        }
        return variables;
    }

    /// <summary>The command as a list of words (Compose accepts a list or one string).</summary>
    public static IReadOnlyList<string> Command(YamlNode service) =>
        service.Child("command") is YamlScalarNode text
            ? text.Value!.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : service.Child("command").Items().Select(item => item.Text()!).ToList();
}
