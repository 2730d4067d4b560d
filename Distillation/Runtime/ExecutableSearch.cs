namespace FaceKdGrid.Distillation.Runtime;

/// <summary>Finds programs the engine starts (e.g. node) the way a shell would: on PATH.</summary>
public static class ExecutableSearch
{
    /// <summary>The full path of the first file called <paramref name="name"/> (name.exe on Windows) in a PATH folder; null when none.</summary>
    public static string? FindOnPath(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var fileName = OperatingSystem.IsWindows() ? name + ".exe" : name;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(folder => Path.Combine(folder, fileName))
            .FirstOrDefault(File.Exists);
    }
}
