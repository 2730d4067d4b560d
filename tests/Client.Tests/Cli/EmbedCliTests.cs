using System.Buffers.Binary;
using System.Text;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Export;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Synth;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary>facekd embed writes one row per image, in the order given, as .npy or .csv; bad input writes nothing.</summary>
public sealed class EmbedCliTests
{
    private const int EmbeddingSize = 64;

    [Fact]
    public async Task AnOnnxModelsEmbeddingsAreWrittenOneRowPerImageInOrderAsNpy()
    {
        using var cli = new CliRun();
        var (model, images, expected) = Prepare(cli.Directory);
        var output = Path.Combine(cli.Directory, "embeddings.npy");
        string[] order = [images[2], images[0], images[1]];

        var exitCode = await cli.RunAsync(["embed", model, .. order, "--out", output]);

        Assert.True(exitCode == ExitCodes.Done, cli.Messages);
        var bytes = await File.ReadAllBytesAsync(output);
        Assert.Equal([0x93, .. "NUMPY"u8, 1, 0], bytes[..8]);
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.Contains("'descr': '<f4', 'fortran_order': False, 'shape': (3, 64)", header, StringComparison.Ordinal);
        Assert.Equal(10 + headerLength + 3 * EmbeddingSize * 4, bytes.Length);
        for (var row = 0; row < 3; row++)
        {
            var written = Enumerable.Range(0, EmbeddingSize)
                .Select(column => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(10 + headerLength + (row * EmbeddingSize + column) * 4)));
            var source = Array.IndexOf(images, order[row]);
            Assert.All(written.Zip(expected[source]), pair => Assert.Equal(pair.Second, pair.First, 1e-4f));
        }
    }

    [Fact]
    public async Task FlipAddsTheFlippedImagesEmbeddingAndCsvNamesEachImage()
    {
        using var cli = new CliRun();
        var (model, images, plain) = Prepare(cli.Directory);
        var flipSums = Prepare(cli.Directory, addFlip: true).Expected;
        var output = Path.Combine(cli.Directory, "embeddings.csv");

        var exitCode = await cli.RunAsync("embed", model, images[1], images[0], "--out", output, "--flip");

        Assert.True(exitCode == ExitCodes.Done, cli.Messages);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("image,e0,e1,", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + EmbeddingSize, lines[1].Split(',').Length);
        Assert.StartsWith(images[1] + ",", lines[1], StringComparison.Ordinal);
        Assert.StartsWith(images[0] + ",", lines[2], StringComparison.Ordinal);
        var written = lines[1].Split(',').Skip(1).Select(text => float.Parse(text, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.All(written.Zip(flipSums[1]), pair => Assert.Equal(pair.Second, pair.First, 1e-4f));
        Assert.NotEqual(plain[1], flipSums[1]);
    }

    [Theory]
    [InlineData("unknown extension", "out.txt", false, "--out: ")]
    [InlineData("missing image", "out.npy", true, "does not exist; nothing was written")]
    public async Task BadInputExitsWithTwoAndWritesNothing(string kind, string outputName, bool missingImage, string expected)
    {
        using var cli = new CliRun();
        var (model, images, _) = Prepare(cli.Directory);
        var output = Path.Combine(cli.Directory, outputName);

        var exitCode = await cli.RunAsync("embed", model, images[0], missingImage ? Path.Combine(cli.Directory, "missing.png") : images[1], "--out", output);

        Assert.True(exitCode == ExitCodes.BadInput, $"{kind}: exit code {exitCode}; {cli.Messages}");
        Assert.Contains(expected, cli.Messages, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    /// <summary>A 32 px MobileFaceNet exported to ONNX, three face PNGs, and the network's own embedding of each (plus its flip's).</summary>
    private static (string Model, string[] Images, float[][] Expected) Prepare(string folder, bool addFlip = false)
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var network = new MobileFaceNet(new MobileFaceNetConfig(0.25, 0.5, 32, EmbeddingSize));
        network.eval();
        var model = Path.Combine(folder, "model.onnx");
        ModelExport.Write(network, ExportFormat.Onnx, model, overwrite: true);
        using var faces = new SynthFacePlan { ImageSize = 32, Seed = 3, PoolIdentities = 3, PoolImages = 3 }.RenderPool();
        var images = Enumerable.Range(0, 3).Select(index => Path.Combine(folder, $"face{index}.png")).ToArray();
        for (var index = 0; index < images.Length; index++)
        {
            using var image = faces.Images[index];
            FaceImageFiles.WritePng(image, images[index]);
        }
        using var embeddings = FaceEmbeddings.ComputeRaw(network, faces, CPU, batchSize: 3, addFlip);
        return (model, images, Enumerable.Range(0, 3).Select(row => embeddings[row].data<float>().ToArray()).ToArray());
    }
}
