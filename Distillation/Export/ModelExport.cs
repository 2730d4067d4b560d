using FaceKdGrid.Distillation.Models;

namespace FaceKdGrid.Distillation.Export;

/// <summary>
/// Writes a network in an <see cref="ExportFormat"/> to a file, all or nothing: into a temporary file beside the
/// target, renamed over it only once complete, so a failed export never leaves a half-written model behind.
/// </summary>
public static class ModelExport
{
    /// <exception cref="IOException"><paramref name="path"/> exists and <paramref name="overwrite"/> is false.</exception>
    public static void Write(FaceEmbedder network, ExportFormat format, string path, bool overwrite)
    {
        ArgumentNullException.ThrowIfNull(network);
        var target = Path.GetFullPath(path);
        if (!overwrite && File.Exists(target))
        {
            throw new IOException($"'{path}' exists");
        }
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        network.eval();
        try
        {
            using (var stream = File.Create(temporary))
            {
                switch (format)
                {
                    case ExportFormat.Onnx:
                        OnnxExport.Write(network, stream);
                        break;
                    case ExportFormat.PyTorch:
                        StateDictExport.WritePyTorch(network, stream);
                        break;
                    case ExportFormat.Safetensors:
                        StateDictExport.WriteSafetensors(network, stream);
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(format), format, "unknown export format");
                }
            }
            File.Move(temporary, target, overwrite);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
