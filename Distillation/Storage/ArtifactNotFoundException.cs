namespace FaceKdGrid.Distillation.Storage;

public sealed class ArtifactNotFoundException(string key, string location)
    : FileNotFoundException($"artifact '{key}' does not exist ({location})")
{
    public string Key { get; } = key;
}
