using System.Text.Json.Nodes;
using FaceKdGrid.Distillation.Models.Dlib;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Dlib;

public sealed class DlibWeightsTests : IDisposable
{
    private const string BinaryFileName = "face_recognition_model.bin";

    private readonly string packageModel = DlibTestFiles.RequireModelDirectory();
    private readonly string copy = Directory.CreateTempSubdirectory("facekd-dlib-weights-").FullName;

    public DlibWeightsTests() => TorchRuntime.Initialise(cpuThreads: 1);

    public void Dispose() => Directory.Delete(copy, recursive: true);

    [Fact]
    public void DequantisesAndPermutesIntoTorchLayout()
    {
        var manifest = ReadManifest(packageModel);
        var bytes = File.ReadAllBytes(Path.Combine(packageModel, BinaryFileName));
        var stem = Entry(manifest, "conv32_down/conv/filters");
        Assert.Equal("[7,7,3,32]", stem["shape"]!.ToJsonString());
        double scale = stem["quantization"]!["scale"]!.GetValue<double>(), min = stem["quantization"]!["min"]!.GetValue<double>();
        float Stored(int index) => (float)(bytes[index] * scale + min);

        using var model = DlibWeights.Load(packageModel);
        var weights = model.named_parameters().ToDictionary(entry => entry.name, entry => entry.parameter);
        var stemFilters = weights["body.conv32_down.conv.weight"];

        // The stem's filters are the file's first tensor, stored [kh, kw, in, out] with out varying fastest.
        Assert.Equal([32L, 3L, 7L, 7L], stemFilters.shape);
        Assert.Equal(Stored(0), stemFilters[0, 0, 0, 0].item<float>());
        Assert.Equal(Stored(1), stemFilters[1, 0, 0, 0].item<float>());
        Assert.Equal(Stored(32), stemFilters[0, 1, 0, 0].item<float>());
        Assert.Equal(Stored(3 * 32), stemFilters[0, 0, 0, 1].item<float>());
        Assert.Equal(Stored(7 * 3 * 32), stemFilters[0, 0, 1, 0].item<float>());
        Assert.Equal([128L, 256L], weights["fc.weight"].shape);
        Assert.False(model.training);
    }

    [Fact]
    public void ReadsUnquantisedFloatTensors()
    {
        var manifest = ReadManifest(packageModel);
        var bytes = File.ReadAllBytes(Path.Combine(packageModel, BinaryFileName));
        const string name = "conv64_down/conv1/conv/filters";
        Assert.Null(Entry(manifest, name)["quantization"]);

        using var model = DlibWeights.Load(packageModel);
        var filters = model.named_parameters().Single(entry => entry.name == "body.conv64_down.conv1.conv.weight").parameter;

        var offset = OffsetOf(manifest, name);
        Assert.Equal(BitConverter.ToSingle(bytes, offset), filters[0, 0, 0, 0].item<float>());
        Assert.Equal(BitConverter.ToSingle(bytes, offset + 4), filters[1, 0, 0, 0].item<float>());
    }

    [Fact]
    public void MissingFolderOrFilesAreNamed()
    {
        var absent = Path.Combine(copy, "absent");
        var noFolder = Assert.Throws<DirectoryNotFoundException>(() => DlibWeights.Load(absent));
        Assert.Contains(absent, noFolder.Message);
        Assert.Contains("npm ci --prefix tools", noFolder.Message);

        var noManifest = Assert.Throws<FileNotFoundException>(() => DlibWeights.Load(copy));
        Assert.Equal(Path.Combine(copy, DlibWeights.ManifestFileName), noManifest.FileName);

        File.Copy(Path.Combine(packageModel, DlibWeights.ManifestFileName), Path.Combine(copy, DlibWeights.ManifestFileName));
        var noBinary = Assert.Throws<FileNotFoundException>(() => DlibWeights.Load(copy));
        Assert.Equal(Path.Combine(copy, BinaryFileName), noBinary.FileName);
    }

    [Fact]
    public void TruncatedBinaryIsReportedWithBothSizes()
    {
        var bytes = File.ReadAllBytes(Path.Combine(packageModel, BinaryFileName));
        WriteCopy(ReadManifest(packageModel), bytes[..^100]);

        var error = Assert.Throws<InvalidDataException>(() => DlibWeights.Load(copy));

        Assert.Contains(BinaryFileName, error.Message);
        Assert.Contains($"{bytes.Length - 100} bytes", error.Message);
        Assert.Contains($"describes {bytes.Length}", error.Message);
    }

    [Fact]
    public void ManifestThatIsNotJsonIsNamed()
    {
        File.WriteAllText(Path.Combine(copy, DlibWeights.ManifestFileName), "{ not json");

        var error = Assert.Throws<InvalidDataException>(() => DlibWeights.Load(copy));

        Assert.Contains($"weights manifest '{Path.Combine(copy, DlibWeights.ManifestFileName)}' is not valid", error.Message);
    }

    [Fact]
    public void UnknownTensorIsNamed()
    {
        var manifest = ReadManifest(packageModel);
        Entry(manifest, "conv32_2/conv1/scale/biases")["name"] = "conv32_2/conv1/scale/offsets";
        WriteCopy(manifest, File.ReadAllBytes(Path.Combine(packageModel, BinaryFileName)));

        var error = Assert.Throws<InvalidDataException>(() => DlibWeights.Load(copy));

        Assert.Contains("'conv32_2/conv1/scale/offsets'", error.Message);
        Assert.Contains(DlibWeights.ManifestFileName, error.Message);
    }

    [Fact]
    public void WrongShapeIsNamed()
    {
        // Same number of values, so the file size still agrees and only the layout is wrong.
        var manifest = ReadManifest(packageModel);
        Entry(manifest, "conv64_down/conv1/conv/filters")["shape"] = new JsonArray(3, 3, 64, 32);
        WriteCopy(manifest, File.ReadAllBytes(Path.Combine(packageModel, BinaryFileName)));

        var error = Assert.Throws<InvalidDataException>(() => DlibWeights.Load(copy));

        Assert.Contains("'conv64_down/conv1/conv/filters' has shape [3, 3, 64, 32], expected [3, 3, 32, 64]", error.Message);
    }

    [Fact]
    public void MissingTensorIsNamed()
    {
        var manifest = ReadManifest(packageModel);
        var weights = manifest[0]!["weights"]!.AsArray();
        weights.RemoveAt(weights.Count - 1);
        var bytes = File.ReadAllBytes(Path.Combine(packageModel, BinaryFileName));
        WriteCopy(manifest, bytes[..^(256 * 128)]);

        var error = Assert.Throws<InvalidDataException>(() => DlibWeights.Load(copy));

        Assert.Contains("lacks 1 of the dlib face descriptor's 117 tensors: fc.weight", error.Message);
    }

    private static JsonArray ReadManifest(string folder) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(folder, DlibWeights.ManifestFileName)))!.AsArray();

    private static JsonNode Entry(JsonArray manifest, string name) =>
        manifest[0]!["weights"]!.AsArray().Single(weight => weight!["name"]!.GetValue<string>() == name)!;

    private static int OffsetOf(JsonArray manifest, string name)
    {
        var offset = 0;
        foreach (var weight in manifest[0]!["weights"]!.AsArray())
        {
            if (weight!["name"]!.GetValue<string>() == name)
            {
                return offset;
            }
            var count = weight["shape"]!.AsArray().Aggregate(1, (product, dimension) => product * dimension!.GetValue<int>());
            offset += count * (weight["quantization"] is null ? 4 : 1);
        }
        throw new ArgumentException($"no weight '{name}' in the manifest", nameof(name));
    }

    private void WriteCopy(JsonArray manifest, byte[] binary)
    {
        File.WriteAllText(Path.Combine(copy, DlibWeights.ManifestFileName), manifest.ToJsonString());
        File.WriteAllBytes(Path.Combine(copy, BinaryFileName), binary);
    }
}
