using System.Text.Json;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Client.Commands;
using FaceKdGrid.Distillation.Export;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Training;
using FaceKdGrid.Grains.Engine;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.GridTestSupport;
using FaceKdGrid.TestSupport;
using TorchSharp;
using TorchSharp.PyBridge;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary>
/// facekd trial export and sweep export without a cluster: a sweep runs on the embedded silo (fake engine), each
/// finished trial gets a real student checkpoint in .facekd/artifacts, and the commands fetch it through the grid.
/// </summary>
public sealed class ExportCliTests
{
    private const string SweepId = "cli-export";

    public ExportCliTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    [Fact]
    public async Task AFinishedTrialIsExportedAsOnnxAndSafetensors()
    {
        using var cli = new CliRun();
        var (finished, _) = await RunSweepAsync(cli);
        using var student = await StoreStudentCheckpointsAsync(cli, finished);
        var onnxPath = Path.Combine(cli.Directory, "out", "student.onnx");
        var safetensorsPath = Path.Combine(cli.Directory, "out", "student.safetensors");

        var onnxExit = await cli.RunAsync("trial", "export", $"{SweepId}/{finished[0]}", "--out", onnxPath);
        var safetensorsExit = await cli.RunAsync("trial", "export", $"{SweepId}/{finished[0]}", "--format", "safetensors", "--out", safetensorsPath);

        Assert.True(onnxExit == ExitCodes.Done, cli.Messages);
        Assert.True(safetensorsExit == ExitCodes.Done, cli.Messages);
        Assert.Contains(onnxPath, cli.Output, StringComparison.Ordinal);
        var model = Onnx.ModelProto.Parser.ParseFrom(await File.ReadAllBytesAsync(onnxPath));
        Assert.Equal(ModelFactory.SpecOf(student), model.MetadataProps.Single(entry => entry.Key == "model").Value);
        Assert.Equal(OnnxExport.InputName, model.Graph.Input.Single().Name);
        using var scope = NewDisposeScope();
        var expected = StateDictExport.PyTorchStateDict(student);
        var exported = Safetensors.LoadStateDict(safetensorsPath);
        Assert.Equal(expected.Keys.Order(), exported.Keys.Order());
        Assert.All(expected, entry => Assert.True(entry.Value.eq(exported[entry.Key]).all().item<bool>(), $"{entry.Key} differs from the trained student's"));
    }

    [Fact]
    public async Task SweepExportWritesTheBestTrialOfEachRatio()
    {
        using var cli = new CliRun();
        var (finished, _) = await RunSweepAsync(cli);
        using var student = await StoreStudentCheckpointsAsync(cli, finished);
        var folder = Path.Combine(cli.Directory, "best");

        var exitCode = await cli.RunAsync("sweep", "export", SweepId, "--format", "pytorch", "--out", folder);

        Assert.True(exitCode == ExitCodes.Done, cli.Messages);
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(2, files.Count);
        Assert.StartsWith($"{SweepId}-ratio2-t", files[0], StringComparison.Ordinal);
        Assert.StartsWith($"{SweepId}-ratio4-t", files[1], StringComparison.Ordinal);
        Assert.All(files, file => Assert.EndsWith(".pt", file, StringComparison.Ordinal));
        Assert.All(files, file => Assert.Contains(finished, trial => file!.EndsWith($"-{trial}.pt", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SweepExportWritesEverySeedOfTheChosenConfiguration()
    {
        using var cli = new CliRun();
        var spec = cli.WriteSpec("""
            name: seeds
            teacher: { kind: dlib }
            search_space: { compression_ratio: 2, seed: [0, 1, 2], epochs: 1 }
            """);
        Assert.Equal(ExitCodes.Done, await cli.RunAsync("sweep", "run", spec));
        using var student = await StoreStudentCheckpointsAsync(cli, ["t000", "t001", "t002"], sweepId: "seeds");
        var folder = Path.Combine(cli.Directory, "best");

        var exitCode = await cli.RunAsync("sweep", "export", "seeds", "--out", folder);

        Assert.True(exitCode == ExitCodes.Done, cli.Messages);
        Assert.Equal(["seeds-ratio2-t000.onnx", "seeds-ratio2-t001.onnx", "seeds-ratio2-t002.onnx"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task BadExportsAreRefusedAndChangeNothing()
    {
        using var cli = new CliRun();
        var (finished, failed) = await RunSweepAsync(cli);
        using var student = await StoreStudentCheckpointsAsync(cli, finished);
        var existing = Path.Combine(cli.Directory, "taken.onnx");
        await File.WriteAllTextAsync(existing, "keep me");
        var fresh = Path.Combine(cli.Directory, "fresh.onnx");

        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("trial", "export", $"{SweepId}/{finished[0]}", "--out", existing));
        Assert.Contains("exists; pass --force to replace it", cli.Messages, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));

        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("trial", "export", $"{SweepId}/{failed}", "--out", fresh));
        Assert.Contains($"trial '{SweepId}/{failed}' is failed and has no final checkpoint", cli.Messages, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("trial", "export", $"{SweepId}/t999", "--out", fresh));
        Assert.Contains($"no trial '{SweepId}/t999'", cli.Messages, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("trial", "export", $"{SweepId}/{finished[0]}", "--format", "tflite", "--out", fresh));
        Assert.Contains("tflite", cli.Messages, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("trial", "export", "t000", "--out", fresh));
        Assert.Contains("trial id 't000' must be sweep/trial", cli.Messages, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("trial", "export", $"{SweepId}/{finished[0]}", "--out", cli.Directory));
        Assert.Contains("is a folder; name the file to write", cli.Messages, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("sweep", "export", SweepId, "--out", existing));
        Assert.Contains("is a file; name a folder to export into", cli.Messages, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("sweep", "export", "no-such-sweep", "--out", Path.Combine(cli.Directory, "best")));
        Assert.Contains("no sweep 'no-such-sweep'", cli.Messages, StringComparison.Ordinal);

        var damaged = Path.Combine(cli.Context.ArtifactsRoot, TrialArtifacts.FinalCheckpoint(SweepId, finished[1]));
        var bytes = await File.ReadAllBytesAsync(damaged);
        bytes[^10] ^= 0xFF;
        await File.WriteAllBytesAsync(damaged, bytes);
        Assert.Equal(ExitCodes.Failed, await cli.RunAsync("trial", "export", $"{SweepId}/{finished[1]}", "--out", fresh));
        Assert.Contains($"trial '{SweepId}/{finished[1]}' cannot be exported", cli.Messages, StringComparison.Ordinal);
        Assert.Contains("final.ckpt", cli.Messages, StringComparison.Ordinal);

        Assert.False(File.Exists(fresh));
        Assert.False(Directory.Exists(Path.Combine(cli.Directory, "best")));
        Assert.Equal(ExitCodes.Done, await cli.RunAsync("trial", "export", $"{SweepId}/{finished[0]}", "--out", existing, "--force"));
        Assert.NotEqual("keep me", await File.ReadAllTextAsync(existing));
    }

    [Fact]
    public async Task ARunningClustersFinishedTrialIsExportedThroughItsGateway()
    {
        var port = CliRun.FreePort();
        using var runner = new CliRun(new FakeTrialExecutor { EpochDelay = TimeSpan.FromMilliseconds(300) }, port);
        var run = runner.RunAsync("sweep", "run", runner.WriteSpec($$"""
            name: {{SweepId}}
            teacher: { kind: dlib }
            search_space: { compression_ratio: 2, epochs: [1, 100] }
            """));
        await Eventually.HoldsAsync(() => Task.FromResult(runner.Messages), messages => messages.Contains(" t000 completed epoch 1/1", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the one-epoch trial's end");
        using var student = await StoreStudentCheckpointsAsync(runner, ["t000"]);
        var gateway = $"127.0.0.1:{port}";

        using (var client = new CliRun())
        {
            var path = Path.Combine(client.Directory, "t000.safetensors");
            var exitCode = await client.RunAsync("trial", "export", $"{SweepId}/t000", "--format", "safetensors", "--out", path, "--gateway", gateway);
            var runningExit = await client.RunAsync("trial", "export", $"{SweepId}/t001", "--out", Path.Combine(client.Directory, "t001.onnx"), "--gateway", gateway);

            Assert.True(exitCode == ExitCodes.Done, client.Messages);
            using var scope = NewDisposeScope();
            var exported = Safetensors.LoadStateDict(path);
            Assert.True(StateDictExport.PyTorchStateDict(student)["stem_depthwise.conv.weight"].eq(exported["stem_depthwise.conv.weight"]).all().item<bool>());
            Assert.Equal(ExitCodes.BadInput, runningExit);
            Assert.Contains($"trial '{SweepId}/t001' is running and has no final checkpoint", client.Messages, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(client.Directory, "t001.onnx")));
        }

        using var cancel = new CliRun();
        Assert.Equal(ExitCodes.Done, await cancel.RunAsync("sweep", "cancel", SweepId, "--gateway", gateway));
        await run.WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Runs a sweep of four trials, one per ratio at a learning rate the fake engine finishes and one at a rate it fails.</summary>
    private static async Task<(List<string> Finished, string Failed)> RunSweepAsync(CliRun cli)
    {
        var spec = cli.WriteSpec($$"""
            name: {{SweepId}}
            teacher: { kind: dlib }
            search_space:
              compression_ratio: [2, 4]
              lr: [0.05, {{FakeTrialExecutor.DivergentLr}}]
              epochs: 1
            max_failures: 0
            """);
        await cli.RunAsync("sweep", "run", spec, "--format", "json");
        using var json = JsonDocument.Parse(cli.Output);
        var trials = json.RootElement.GetProperty("trials").EnumerateArray()
            .Select(trial => (Id: trial.GetProperty("id").GetString()!, Status: trial.GetProperty("status").GetString()!))
            .ToList();
        var finished = trials.Where(trial => trial.Status == "completed").Select(trial => trial.Id).ToList();
        Assert.Equal(2, finished.Count);
        return (finished, trials.First(trial => trial.Status == "failed").Id);
    }

    /// <summary>What the real engine leaves when a trial ends: its final checkpoint, here one trained-like student for every trial.</summary>
    private static async Task<MobileFaceNet> StoreStudentCheckpointsAsync(CliRun cli, IEnumerable<string> trialIds, string sweepId = SweepId)
    {
        var student = new MobileFaceNet(new MobileFaceNetConfig(0.25, 0.5, 32, 64));
        student.eval();
        using var optimizer = optim.SGD(student.parameters(), 0.1);
        var properties = new Dictionary<string, string>
        {
            ["kind"] = "student",
            [TeacherModel.ModelProperty] = ModelFactory.SpecOf(student),
            [TeacherModel.InputSizeProperty] = "32",
            [TeacherModel.EmbeddingSizeProperty] = "64",
        };
        var checkpoint = TrainingCheckpoint.Capture(new Dictionary<string, nn.Module> { ["student"] = student }, optimizer, 1, 1, [], properties);
        var store = new LocalFolderArtifactStore(cli.Context.ArtifactsRoot);
        foreach (var trialId in trialIds)
        {
            await TrialArtifacts.WriteCheckpointAsync(store, TrialArtifacts.FinalCheckpoint(sweepId, trialId), checkpoint, CancellationToken.None);
        }
        return student;
    }
}
