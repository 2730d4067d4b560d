using FaceKdGrid.Client.Specs;
using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Client.Cli;

/// <summary>Reads and validates a sweep spec file; every problem becomes one line of a bad-input error.</summary>
public static class SpecFile
{
    public static SweepSpec Load(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new BadInputException($"spec file '{file.FullName}' does not exist");
        }
        var result = SweepSpecYaml.Parse(File.ReadAllText(file.FullName));
        return result.Spec ?? throw new BadInputException(Describe(file.Name, result.Errors));
    }

    public static string Describe(string source, IEnumerable<SpecError> errors) =>
        $"{source} is not a valid sweep spec; nothing was submitted:{Environment.NewLine}{string.Join(Environment.NewLine, errors.Select(error => $"  {error}"))}";
}
