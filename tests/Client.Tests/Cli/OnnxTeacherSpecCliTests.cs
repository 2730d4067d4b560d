using FaceKdGrid.Client.Cli;
using FaceKdGrid.Distillation.Export;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using Google.Protobuf;
using Xunit;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary>
/// An ONNX teacher is opened at submission, as a trial would open it: a file that is missing, is no image model, or
/// gives other embeddings than the spec says is refused with exit code 2, naming the key, and nothing is submitted.
/// </summary>
public sealed class OnnxTeacherSpecCliTests
{
    public OnnxTeacherSpecCliTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Theory]
    [InlineData("missing file", "path: MISSING", "teacher.path: there is no ONNX model file at")]
    [InlineData("input of rank 3", "path: RANK3", "the input has rank 3 [?, 3, 32]; a face model takes an image batch of rank 4")]
    [InlineData("embedding size the spec contradicts", "path: MODEL, embedding_size: 512", "teacher.embedding_size: 512, but")]
    [InlineData("input size the model contradicts", "path: MODEL, input_size: 112", "teacher.input_size: refused by the engine: input_size: 112 px, but the model's input is [?, 3, 32, 32]")]
    [InlineData("unknown channel order", "path: MODEL, channel_order: rbg", "teacher.channel_order: refused by the engine: channel_order: 'rbg' is not one of rgb, bgr")]
    [InlineData("three means for one scale", "path: MODEL, mean: [1, 2]", "teacher.mean: refused by the engine: mean: give one number or three")]
    public async Task SweepRunRefusesTheOnnxTeacherNamingTheKey(string kind, string teacher, string expected)
    {
        using var cli = new CliRun();
        var files = WriteModels(cli.Directory);
        var yaml = $"name: x\nteacher: {{ kind: onnx, {teacher} }}\nsearch_space: {{ compression_ratio: 4 }}\n";
        foreach (var (name, path) in files)
        {
            yaml = yaml.Replace(name, path, StringComparison.Ordinal);
        }

        var exitCode = await cli.RunAsync("sweep", "run", cli.WriteSpec(yaml));

        var messages = string.Join(" ", cli.Messages.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        Assert.True(exitCode == ExitCodes.BadInput, $"{kind}: exit code {exitCode}; output: {messages}");
        Assert.Contains(expected, messages, StringComparison.Ordinal);
        Assert.Contains("nothing was submitted", messages, StringComparison.Ordinal);
    }

    /// <summary>A 32 px MobileFaceNet exported by the grid (64-d embeddings), and a real ONNX model whose input is [N, 3, 32].</summary>
    private static Dictionary<string, string> WriteModels(string folder)
    {
        var model = Path.Combine(folder, "teacher.onnx");
        using (var network = new MobileFaceNet(new MobileFaceNetConfig(0.25, 0.5, 32, 64)))
        {
            ModelExport.Write(network, ExportFormat.Onnx, model, overwrite: false);
        }
        var graph = new OnnxGraphBuilder("rank3");
        var input = graph.Input("input", 3, 32);
        graph.Output(graph.Node("ReduceMean", [input], [OnnxGraphBuilder.Ints("axes", 2), OnnxGraphBuilder.Int("keepdims", 0)]), "embedding", 3);
        var rank3 = Path.Combine(folder, "rank3.onnx");
        File.WriteAllBytes(rank3, graph.Build("test", new Dictionary<string, string>()).ToByteArray());
        return new() { ["MISSING"] = Path.Combine(folder, "missing.onnx"), ["RANK3"] = rank3, ["MODEL"] = model };
    }
}
