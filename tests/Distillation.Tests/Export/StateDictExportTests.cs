using System.Diagnostics;
using System.Text.Json;
using FaceKdGrid.Distillation.Export;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using TorchSharp.PyBridge;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Export;

/// <summary>
/// PyTorch and safetensors exports: the PyTorch twins in bench/peers load them with load_state_dict(strict=True) and
/// give the same embeddings (Debian's python3-torch, which build/test-prerequisites.sh installs), and safetensors read back unchanged.
/// </summary>
public sealed class StateDictExportTests : IDisposable
{
    /// <summary>Debian's interpreter, where apt's python3-torch lives (a pyenv python3 on PATH may lack torch).</summary>
    private const string DebianPython = "/usr/bin/python3";

    private const double Tolerance = 1e-4;

    private readonly string folder = Directory.CreateTempSubdirectory("facekd-export-").FullName;

    public StateDictExportTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Theory]
    [InlineData("stemDepthwise.conv.weight", "stem_depthwise.conv.weight")]
    [InlineData("globalDepthwise.bn.running_var", "global_depthwise.bn.running_var")]
    [InlineData("layer1.0.downsample.1.num_batches_tracked", "layer1.0.downsample.1.num_batches_tracked")]
    [InlineData("bottlenecks.12.expand.prelu.weight", "bottlenecks.12.expand.prelu.weight")]
    public void CSharpFieldNamesBecomeThePythonAttributeNames(string torchSharpName, string pyTorchName)
    {
        Assert.Equal(pyTorchName, StateDictExport.PyTorchName(torchSharpName));
    }

    [Fact]
    public void SafetensorsReadBackGiveTheSameTensors()
    {
        using var network = TrainedLikeWeights.Apply(new MobileFaceNet(new MobileFaceNetConfig(0.25, 0.5, 32, 64)), seed: 3);
        var path = Path.Combine(folder, "student.safetensors");

        ModelExport.Write(network, ExportFormat.Safetensors, path, overwrite: false);

        using var scope = NewDisposeScope();
        var expected = StateDictExport.PyTorchStateDict(network);
        var readBack = Safetensors.LoadStateDict(path);
        Assert.Equal(expected.Keys.Order(), readBack.Keys.Order());
        foreach (var (name, tensor) in expected)
        {
            Assert.Equal(tensor.dtype, readBack[name].dtype);
            Assert.True(tensor.eq(readBack[name]).all().item<bool>(), $"{name} differs after the round trip");
        }
        Assert.Contains("stem_depthwise.bn.running_mean", readBack.Keys);
    }

    [Fact]
    public void TheMobileFaceNetTwinLoadsTheExportStrictlyAndGivesTheSameEmbeddings()
    {
        using var network = TrainedLikeWeights.Apply(new MobileFaceNet(new MobileFaceNetConfig(0.25, 0.5, 32, 64)), seed: 4);

        AssertTwinMatches(network);
    }

    [Fact]
    public void TheIResNetTwinLoadsTheExportStrictlyAndGivesTheSameEmbeddings()
    {
        using var network = TrainedLikeWeights.Apply(new IResNet(new IResNetConfig(18, Width: 0.25, InputSize: 32, EmbeddingSize: 64)), seed: 5);

        AssertTwinMatches(network);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private void AssertTwinMatches(FaceEmbedder network)
    {
        using var scope = NewDisposeScope();
        var statePath = Path.Combine(folder, "model.pt");
        var inputsPath = Path.Combine(folder, "inputs.pt");
        ModelExport.Write(network, ExportFormat.PyTorch, statePath, overwrite: false);
        var input = randn(new long[] { 3, 3, network.InputSize, network.InputSize }, generator: new Generator(6)).clamp_(-1, 1);
        PyTorchPickler.PickleStateDict(inputsPath, new Dictionary<string, Tensor> { ["input"] = input });
        Tensor expected;
        using (no_grad())
        {
            expected = network.call(input);
        }

        var twin = RunTwin(statePath, ModelFactory.SpecOf(network), network.InputSize, network.EmbeddingSize, inputsPath);

        Assert.Equal(expected.shape, twin.shape);
        var scale = Math.Max(1, expected.abs().max().item<float>());
        var difference = (twin - expected).abs().max().item<float>() / scale;
        Assert.True(difference <= Tolerance, $"the PyTorch twin differs by {difference:G3} (relative to {scale:G3})");
    }

    private static Tensor RunTwin(string statePath, string spec, int inputSize, int embeddingSize, string inputsPath)
    {
        var script = RepositoryFiles.FindAbove(Path.Combine("bench", "peers", "check_export.py"))
            ?? throw new FileNotFoundException("bench/peers/check_export.py was not found above the test's folder");
        Assert.True(File.Exists(DebianPython), $"{DebianPython} is missing: install Debian's python3-torch (apt-get install python3-torch; build/test-prerequisites.sh does)");
        var start = new ProcessStartInfo(DebianPython)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--state", statePath, "--model", spec, "--input-size", inputSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--embedding-size", embeddingSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inputs", inputsPath })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0,
            $"the PyTorch twin failed (exit {process.ExitCode}; without torch, install Debian's python3-torch: apt-get install python3-torch):\n{errors.Result}");
        var rows = JsonDocument.Parse(output).RootElement.GetProperty("embeddings").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(value => value.GetSingle()).ToArray()).ToArray();
        return tensor(rows.SelectMany(row => row).ToArray(), [rows.Length, rows[0].Length]);
    }
}
