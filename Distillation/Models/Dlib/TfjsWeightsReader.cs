using System.Buffers.Binary;
using System.Text.Json;

namespace FaceKdGrid.Distillation.Models.Dlib;

/// <summary>
/// Reads TensorFlow.js weights (a manifest JSON plus binary shards) as face-api ships them: float32 weights,
/// stored raw or uint8-quantised, dequantised the way tfjs does (q * scale + min in double, then rounded to float32).
/// </summary>
internal static class TfjsWeightsReader
{
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web);

    /// <summary>Every weight of the manifest, in manifest order.</summary>
    public static IReadOnlyList<TfjsWeight> Read(string manifestPath)
    {
        if (!File.Exists(manifestPath))
        {
            throw new FileNotFoundException($"weights manifest '{manifestPath}' does not exist", manifestPath);
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var weights = new List<TfjsWeight>();
        foreach (var group in ParseManifest(manifestPath))
        {
            var specs = group.Weights ?? throw Malformed(manifestPath, "a group has no 'weights'");
            var sizes = specs.Select(spec => StoredBytes(spec, manifestPath)).ToArray();
            var data = ReadShards(folder, group.Paths, sizes.Sum(), manifestPath);
            var offset = 0;
            for (var i = 0; i < specs.Length; i++)
            {
                weights.Add(Decode(specs[i], data, offset));
                offset += checked((int)sizes[i]);
            }
        }
        return weights;
    }

    private static TfjsWeightGroup[] ParseManifest(string manifestPath)
    {
        try
        {
            using var stream = File.OpenRead(manifestPath);
            return JsonSerializer.Deserialize<TfjsWeightGroup[]>(stream, ManifestJson)
                ?? throw Malformed(manifestPath, "it holds null instead of a list of weight groups");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"weights manifest '{manifestPath}' is not valid: {error.Message}", error);
        }
    }

    /// <summary>Validates a weight's description and returns how many bytes it occupies in the binary files.</summary>
    private static long StoredBytes(TfjsWeightSpec spec, string manifestPath)
    {
        if (string.IsNullOrEmpty(spec.Name) || spec.Shape is null || spec.Shape.Any(dimension => dimension < 0))
        {
            throw Malformed(manifestPath, $"weight '{spec.Name}' lacks a name or a valid shape");
        }
        if (spec.Dtype != "float32")
        {
            throw Malformed(manifestPath, $"weight '{spec.Name}' has dtype '{spec.Dtype}'; only float32 is supported");
        }
        if (spec.Quantization is { Dtype: not "uint8" } quantization)
        {
            throw Malformed(manifestPath, $"weight '{spec.Name}' is quantised as '{quantization.Dtype}'; only uint8 is supported");
        }
        var bytesPerValue = spec.Quantization is null ? sizeof(float) : sizeof(byte);
        return ValueCount(spec.Shape) * bytesPerValue;
    }

    private static byte[] ReadShards(string folder, string[]? paths, long expectedBytes, string manifestPath)
    {
        if (paths is null || paths.Length == 0)
        {
            throw Malformed(manifestPath, "a group names no weight files in 'paths'");
        }
        var files = paths.Select(path => Path.Combine(folder, path)).ToArray();
        var missing = files.FirstOrDefault(file => !File.Exists(file));
        if (missing is not null)
        {
            throw new FileNotFoundException($"weights file '{missing}' named by '{manifestPath}' does not exist", missing);
        }
        var actualBytes = files.Sum(file => new FileInfo(file).Length);
        if (actualBytes != expectedBytes)
        {
            throw new InvalidDataException(
                $"weights file '{string.Join("' + '", files)}' holds {actualBytes} bytes but '{manifestPath}' describes {expectedBytes}");
        }
        var data = new byte[expectedBytes];
        var offset = 0;
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            bytes.CopyTo(data, offset);
            offset += bytes.Length;
        }
        return data;
    }

    /// <summary>Decodes a weight that <see cref="StoredBytes"/> has validated.</summary>
    private static TfjsWeight Decode(TfjsWeightSpec spec, byte[] data, int offset)
    {
        var shape = spec.Shape!;
        var values = new float[ValueCount(shape)];
        if (spec.Quantization is { } quantization)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (float)(data[offset + i] * quantization.Scale + quantization.Min);
            }
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(offset + 4 * i, 4));
            }
        }
        return new TfjsWeight(spec.Name!, shape, values);
    }

    private static long ValueCount(long[] shape) => shape.Aggregate(1L, (count, dimension) => count * dimension);

    private static InvalidDataException Malformed(string manifestPath, string problem) =>
        new($"weights manifest '{manifestPath}' is not valid: {problem}");
}
