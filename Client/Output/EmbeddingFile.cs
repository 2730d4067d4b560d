using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace FaceKdGrid.Client.Output;

/// <summary>
/// Embeddings written one row per image, as the file's extension says: <c>.npy</c> (NumPy format 1.0, float32
/// little-endian, shape (N, D): <c>numpy.load</c> reads it) or <c>.csv</c> (a header <c>image,e0,...</c>, then the
/// image's path and its D values).
/// </summary>
public static class EmbeddingFile
{
    public static IReadOnlyList<string> Extensions { get; } = [".npy", ".csv"];

    /// <summary>Whether the path ends in an extension this writer knows.</summary>
    public static bool IsSupported(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <param name="rows">N rows of D values, in the order of <paramref name="images"/>.</param>
    public static void Write(string path, IReadOnlyList<string> images, float[][] rows)
    {
        if (rows.Length != images.Count)
        {
            throw new ArgumentException($"{rows.Length} rows for {images.Count} images", nameof(rows));
        }
        var width = rows.Length == 0 ? 0 : rows[0].Length;
        using var file = File.Create(path);
        if (Path.GetExtension(path).Equals(".npy", StringComparison.OrdinalIgnoreCase))
        {
            WriteNpy(file, rows, width);
        }
        else
        {
            WriteCsv(file, images, rows, width);
        }
    }

    private static void WriteNpy(Stream file, float[][] rows, int width)
    {
        var header = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({rows.Length}, {width}), }}");
        // Magic (6) + version (2) + header length (2) + header, padded with spaces and ended by a newline to a multiple of 64.
        const int prefix = 10;
        var padded = header.PadRight((prefix + header.Length + 1 + 63) / 64 * 64 - prefix - 1) + "\n";
        file.Write([0x93, .. "NUMPY"u8, 1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)padded.Length);
        file.Write(length);
        file.Write(Encoding.ASCII.GetBytes(padded));
        Span<byte> value = stackalloc byte[4];
        foreach (var row in rows)
        {
            foreach (var number in row)
            {
                BinaryPrimitives.WriteSingleLittleEndian(value, number);
                file.Write(value);
            }
        }
    }

    private static void WriteCsv(Stream file, IReadOnlyList<string> images, float[][] rows, int width)
    {
        using var writer = new StreamWriter(file, new UTF8Encoding(false));
        writer.WriteLine(string.Join(',', ["image", .. Enumerable.Range(0, width).Select(index => string.Create(CultureInfo.InvariantCulture, $"e{index}"))]));
        for (var row = 0; row < rows.Length; row++)
        {
            writer.WriteLine(string.Join(',', [Quoted(images[row]), .. rows[row].Select(number => number.ToString("R", CultureInfo.InvariantCulture))]));
        }
    }

    private static string Quoted(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
