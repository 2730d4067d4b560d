using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Export;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Models.Onnx;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Synth;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Tests.Export;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Teaching;

/// <summary>
/// An ONNX file as a teacher (<see cref="ModelSource.Onnx"/>): a network exported by the grid's own exporter, run by
/// ONNX Runtime on the CPU, gives the embeddings the TorchSharp network gives, with its input format read from the
/// file's metadata or overridden by the caller.
/// </summary>
public sealed class OnnxTeacherTests : IDisposable
{
    private const double Tolerance = 1e-4;

    private readonly string folder = Directory.CreateTempSubdirectory("facekd-onnx-teacher-").FullName;

    public OnnxTeacherTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Fact]
    public async Task AnExportedModelUsedAsAnOnnxTeacherGivesTheSameTeacherEmbeddingsAsTheOriginalTorchSharpModel()
    {
        using var network = Network();
        using var faces = Faces();

        using var teacher = await new ModelSource.Onnx(Export(network), new OnnxInputSettings()).LoadAsync(null, CancellationToken.None);

        // The exporter's metadata_props set the format: 32 px RGB NCHW, (x - 127.5) / 127.5.
        Assert.Equal(32, teacher.Network.InputSize);
        Assert.Equal(64, teacher.Network.EmbeddingSize);
        Assert.StartsWith("onnx-", teacher.Id, StringComparison.Ordinal);
        Assert.InRange(teacher.Parameters, 1, ModelStatistics.CountParameters(network));
        AssertClose(Embeddings(network, faces), Embeddings(teacher.Network, faces));
    }

    [Fact]
    public async Task TheCallersChannelOrderAndNormalisationOverrideTheModelsMetadata()
    {
        using var network = Network();
        using var faces = Faces();
        var path = Export(network);

        // BGR: the model sees the channels reversed, as the original network would on channel-reversed crops.
        using var bgr = await new ModelSource.Onnx(path, new OnnxInputSettings { ChannelOrder = "bgr" }).LoadAsync(null, CancellationToken.None);
        using var reversed = new FaceSet(faces.Images.flip(1).contiguous());
        AssertClose(Embeddings(network, reversed), Embeddings(bgr.Network, faces));

        // input = pixel / 255 = (x + 1) / 2 for the grid's x = (pixel - 127.5) / 127.5.
        using var unit = await new ModelSource.Onnx(path, new OnnxInputSettings { Mean = [0], Scale = [255] }).LoadAsync(null, CancellationToken.None);
        using var noGrad = torch.no_grad();
        using var input = FaceTensors.ToModelInput(faces.Images, CPU);
        using var shifted = input.add(1).div(2);
        AssertClose(network.forward(shifted), unit.Network.forward(input));
        Assert.NotEqual(bgr.Id, unit.Id);
    }

    [Fact]
    public void AModelWhoseInputIsNotAnImageBatchIsRefusedNamingItsRank()
    {
        var graph = new OnnxGraphBuilder("rank3");
        var input = graph.Input("input", 3, 32);
        var mean = graph.Node("ReduceMean", [input], [OnnxGraphBuilder.Ints("axes", 2), OnnxGraphBuilder.Int("keepdims", 0)]);
        graph.Output(mean, "embedding", 3);
        var path = Path.Combine(folder, "rank3.onnx");
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(graph.Build("test", new Dictionary<string, string>())));

        var refused = Assert.Throws<InvalidDataException>(() => OnnxEmbedder.Open(path, new OnnxInputSettings()));

        Assert.Contains("rank 3", refused.Message, StringComparison.Ordinal);
        Assert.Throws<FileNotFoundException>(() => OnnxEmbedder.Open(Path.Combine(folder, "missing.onnx"), new OnnxInputSettings()));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static MobileFaceNet Network()
    {
        var network = TrainedLikeWeights.Apply(new MobileFaceNet(new MobileFaceNetConfig(0.25, 0.5, 32, 64)), seed: 3);
        network.eval();
        return network;
    }

    private static FaceSet Faces() => new SynthFacePlan { ImageSize = 32, Seed = 5, PoolIdentities = 4, PoolImages = 6 }.RenderPool();

    private string Export(FaceEmbedder network)
    {
        var path = Path.Combine(folder, "teacher.onnx");
        ModelExport.Write(network, ExportFormat.Onnx, path, overwrite: true);
        return path;
    }

    /// <summary>The embeddings the teacher's targets are made of: the network on the grid's model input, in eval mode.</summary>
    private static Tensor Embeddings(FaceEmbedder network, FaceSet faces) => FaceEmbeddings.ComputeRaw(network, faces, CPU, batchSize: 4, addFlip: false);

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        var difference = expected.sub(actual).abs().max().item<float>();
        Assert.True(difference < Tolerance, $"largest difference {difference} (tolerance {Tolerance})");
    }
}
