namespace FaceKdGrid.Distillation.Export;

/// <summary>The names users give <see cref="ExportFormat"/>s on the command line, and the file extension of each.</summary>
public static class ExportFormatNames
{
    private static readonly (ExportFormat Format, string Name, string Extension)[] Table =
    [
        (ExportFormat.Onnx, "onnx", ".onnx"),
        (ExportFormat.PyTorch, "pytorch", ".pt"),
        (ExportFormat.Safetensors, "safetensors", ".safetensors"),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(entry => entry.Name)];

    /// <exception cref="ArgumentOutOfRangeException">No format has that name.</exception>
    public static ExportFormat Parse(string name) =>
        Table.FirstOrDefault(entry => string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } match
            ? match.Format
            : throw new ArgumentOutOfRangeException(nameof(name), name, $"unknown export format; valid formats: {string.Join(", ", Names)}");

    public static string NameOf(ExportFormat format) => Table.Single(entry => entry.Format == format).Name;

    public static string ExtensionOf(ExportFormat format) => Table.Single(entry => entry.Format == format).Extension;
}
