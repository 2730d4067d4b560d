using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Export;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Models.Dlib;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Tests.Dlib;
using Google.Protobuf;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Export;

/// <summary>
/// Exported graphs run under ONNX Runtime give the embeddings the TorchSharp networks give, at batch 1 and at batch 3
/// from the same file (the batch dimension is dynamic), with batch norms folded from non-trivial statistics.
/// </summary>
public sealed class OnnxExportTests
{
    private const double Tolerance = 1e-4;

    public OnnxExportTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Fact]
    public void AMobileFaceNetGivesItsEmbeddingsUnderOnnxRuntime()
    {
        using var network = TrainedLikeWeights.Apply(new MobileFaceNet(new MobileFaceNetConfig(0.25, 0.5, 32, 64)), seed: 1);

        AssertOnnxMatches(network);
    }

    [Fact]
    public void AnIResNet18GivesItsEmbeddingsUnderOnnxRuntime()
    {
        using var network = TrainedLikeWeights.Apply(new IResNet(new IResNetConfig(18, Width: 0.25, InputSize: 32, EmbeddingSize: 64)), seed: 2);

        AssertOnnxMatches(network);
    }

    [Fact]
    public void ThePretrainedDlibResNetGivesItsDescriptorsUnderOnnxRuntime()
    {
        using var network = DlibWeights.Load(DlibTestFiles.RequireModelDirectory());
        network.eval();

        AssertOnnxMatches(network);
    }

    [Fact]
    public void TheModelStatesItsInputOutputAndPreprocessing()
    {
        using var network = new MobileFaceNet(new MobileFaceNetConfig(0.25, 0.5, 32, 64));
        network.eval();

        var model = OnnxExport.ToModel(network);

        Assert.True(model.OpsetImport.Single().Version >= 13);
        var input = Assert.Single(model.Graph.Input);
        Assert.Equal(OnnxExport.InputName, input.Name);
        var dims = input.Type.TensorType.Shape.Dim;
        Assert.Equal(OnnxGraphBuilder.BatchDimension, dims[0].DimParam);
        Assert.Equal([3L, 32, 32], dims.Skip(1).Select(dim => dim.DimValue));
        var output = Assert.Single(model.Graph.Output);
        Assert.Equal(OnnxExport.OutputName, output.Name);
        Assert.Equal(64, output.Type.TensorType.Shape.Dim[1].DimValue);
        var metadata = model.MetadataProps.ToDictionary(entry => entry.Key, entry => entry.Value);
        Assert.Equal("RGB", metadata["channel_order"]);
        Assert.Equal("NCHW", metadata["input_layout"]);
        Assert.Equal("32", metadata["input_size"]);
        Assert.Equal("127.5", metadata["mean"]);
        Assert.Equal("127.5", metadata["scale"]);
        Assert.Equal("false", metadata["embedding_normalised"]);
        Assert.Equal("mobilefacenet:width=0.25,depth=0.5", metadata["model"]);
        // Runtime sees the same metadata.
        using var runner = new OnnxRunner(model.ToByteArray());
        Assert.Equal("RGB", runner.Session.ModelMetadata.CustomMetadataMap["channel_order"]);
    }

    [Fact]
    public void TheMetadataNormalisationIsTheOneTheGridFeedsItsNetworks()
    {
        using var pixels = tensor(new byte[] { 0, 127, 255 }).view(1, 3, 1, 1);
        using var normalised = FaceTensors.ToModelInput(pixels, CPU);

        Assert.Equal([(0 - FaceTensors.PixelMean) / FaceTensors.PixelScale, (127 - FaceTensors.PixelMean) / FaceTensors.PixelScale, (255 - FaceTensors.PixelMean) / FaceTensors.PixelScale],
            normalised.flatten().data<float>().ToArray().Select(value => (double)value), new ToleranceComparer(1e-6));
    }

    private static void AssertOnnxMatches(FaceEmbedder network)
    {
        using var runner = new OnnxRunner(OnnxExport.ToModel(network).ToByteArray());
        foreach (var batch in new[] { 1, 3 })
        {
            using var scope = NewDisposeScope();
            var input = randn(new long[] { batch, 3, network.InputSize, network.InputSize }, generator: new Generator((ulong)batch)).clamp_(-1, 1);
            Tensor expected;
            using (no_grad())
            {
                expected = network.call(input);
            }
            var actual = runner.Run(OnnxExport.InputName, input);

            Assert.Equal(expected.shape, actual.shape);
            // Relative to the embedding's scale: IResNet's raw embeddings reach the tens.
            var scale = Math.Max(1, expected.abs().max().item<float>());
            var difference = (actual - expected).abs().max().item<float>() / scale;
            Assert.True(difference <= Tolerance, $"{network.GetType().Name} at batch {batch}: ONNX differs by {difference:G3} (relative to {scale:G3})");
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
