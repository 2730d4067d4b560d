using System.Text.Json;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Synth;
using FaceKdGrid.Grains.Specs;
using Xunit;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary>
/// facekd evaluate gives, for any model kind, the LFW-protocol numbers a sweep reports: the dlib teacher's accuracy and a
/// trial's accuracy on the same pairs (from its checkpoint, or from its ONNX export), measured by a real sweep
/// (TorchSharp, embedded silo) first.
/// </summary>
public sealed class EvaluateCliTests
{
    private const string PairsName = "eval-pairs";
    private const string ValidationPairsName = "eval-validation-pairs";

    [Fact]
    public async Task EvaluatingDlibOrATrialGivesTheAccuracyTheSweepReportedOnTheSamePairs()
    {
        using var cli = new CliRun(engine: true);
        await StorePairsAsync(cli);
        var spec = cli.WriteSpec($$"""
            name: dlib-pairs
            teacher: { kind: dlib }
            data: { synthface: { image_size: 32, identities: 16, images: 64 } }
            evaluation: { dataset: {{PairsName}}, validation_dataset: {{ValidationPairsName}} }
            search_space: { compression_ratio: 4, epochs: 1, batch_size: 32 }
            """);

        var sweep = await RunJsonAsync(cli, "sweep", "run", spec, "--format", "json");
        var teacherAccuracy = sweep.GetProperty("teacher").GetProperty("accuracy").GetDouble();
        var trial = sweep.GetProperty("trials")[0];
        var dlib = await RunJsonAsync(cli, "evaluate", "dlib", "--pairs", PairsName, "--format", "json");
        var plot = Path.Combine(cli.Directory, "roc.png");
        var student = await RunJsonAsync(cli, "evaluate", $"dlib-pairs/{trial.GetProperty("id").GetString()}", "--pairs", PairsName,
            "--validation-pairs", ValidationPairsName, "--format", "json", "--plot", plot);

        Assert.Equal(teacherAccuracy, dlib.GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal(trial.GetProperty("accuracy").GetDouble(), student.GetProperty("accuracy").GetDouble(), 12);
        Assert.Equal(trial.GetProperty("tar").GetDouble(), student.GetProperty("tar").GetDouble(), 12);
        Assert.Equal(trial.GetProperty("far").GetDouble(), student.GetProperty("far").GetDouble());
        Assert.Equal(trial.GetProperty("validationAccuracy").GetDouble(), student.GetProperty("validationAccuracy").GetDouble(), 12);
        Assert.Equal(40, dlib.GetProperty("pairCount").GetInt32());
        Assert.Equal((byte)'P', (await File.ReadAllBytesAsync(plot))[1]);
    }

    [Fact]
    public async Task AnExportedTeacherAndStudentScoreUnderOnnxRuntimeAsTheSweepReportedThem()
    {
        using var cli = new CliRun(engine: true);
        await StorePairsAsync(cli);
        var spec = cli.WriteSpec($$"""
            name: trained-pairs
            teacher: { kind: train, epochs: 3, identities: 32, images_per_identity: 8 }
            data: { synthface: { image_size: 32, identities: 32, images: 256 } }
            evaluation: { dataset: {{PairsName}}, validation_dataset: {{ValidationPairsName}} }
            search_space: { compression_ratio: 4, epochs: 2, batch_size: 32, loss: feature }
            """);
        var sweep = await RunJsonAsync(cli, "sweep", "run", spec, "--format", "json");

        var teacher = await ExportedAccuracyAsync(cli, $"trained-pairs/{TrialDefinition.TeacherTrialId}");
        var student = await ExportedAccuracyAsync(cli, $"trained-pairs/{sweep.GetProperty("trials")[0].GetProperty("id").GetString()}");

        Assert.Equal(sweep.GetProperty("teacher").GetProperty("accuracy").GetDouble(), teacher, 12);
        Assert.Equal(sweep.GetProperty("trials")[0].GetProperty("accuracy").GetDouble(), student, 12);
    }

    /// <summary>The trial exported to ONNX, then evaluated from that file (ONNX Runtime) on the test pairs.</summary>
    private static async Task<double> ExportedAccuracyAsync(CliRun cli, string trial)
    {
        var onnx = Path.Combine(cli.Directory, trial.Replace('/', '-') + ".onnx");
        var exported = await cli.RunAsync("trial", "export", trial, "--format", "onnx", "--out", onnx);
        Assert.True(exported == ExitCodes.Done, $"trial export {trial}: exit code {exported}; {cli.Messages}");
        return (await RunJsonAsync(cli, "evaluate", onnx, "--pairs", PairsName, "--format", "json")).GetProperty("accuracy").GetDouble();
    }

    [Fact]
    public async Task APyTorchStateDictIsEvaluatedWithItsArchitectureAndRefusedWithoutIt()
    {
        using var cli = new CliRun();
        await StorePairsAsync(cli);
        var stateDict = Path.Combine(AppContext.BaseDirectory, "Fixtures", "iresnet18-w0.125-32px.pt");

        var withoutArchitecture = await cli.RunAsync("evaluate", stateDict, "--pairs", PairsName);
        Assert.Equal(ExitCodes.BadInput, withoutArchitecture);
        Assert.Contains("--arch:", cli.Messages, StringComparison.Ordinal);
        var unknownPairs = await cli.RunAsync("evaluate", "dlib", "--pairs", "no-such-pairs");
        Assert.Equal(ExitCodes.BadInput, unknownPairs);
        Assert.Contains("--pairs: no data set 'no-such-pairs'", cli.Messages, StringComparison.Ordinal);

        var result = await RunJsonAsync(cli, "evaluate", stateDict, "--arch", "iresnet18:width=0.125", "--embedding-size", "128", "--input-size", "32",
            "--pairs", PairsName, "--format", "json");
        Assert.InRange(result.GetProperty("accuracy").GetDouble(), 0, 1);
        Assert.Equal("TAR@FAR=5e-1", Distillation.Evaluation.LfwProtocol.TarName(result.GetProperty("far").GetDouble()));
    }

    /// <summary>
    /// 40 SynthFace pairs (20 matched, 20 mismatched) in 2 folds (the size the grid's real-trial tests use), and as many on
    /// other identities, stored as ingested test and validation pair sets.
    /// </summary>
    private static async Task StorePairsAsync(CliRun cli)
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        var store = new LocalFolderArtifactStore(cli.Context.ArtifactsRoot);
        var plan = new SynthFacePlan { ImageSize = 32, EvaluationIdentities = 16, PairsPerFold = 10, Folds = 2 };
        using var pairs = plan.RenderEvaluation();
        using var validation = plan.RenderValidation();
        await DatasetArtifacts.WritePairsAsync(store, PairsName, pairs);
        await DatasetArtifacts.WritePairsAsync(store, ValidationPairsName, validation);
    }

    /// <summary>Runs a command that must succeed and parses the JSON document it printed.</summary>
    private static async Task<JsonElement> RunJsonAsync(CliRun cli, params string[] args)
    {
        var before = cli.Output.Length;
        var exitCode = await cli.RunAsync(args);
        Assert.True(exitCode == ExitCodes.Done, $"{string.Join(' ', args)}: exit code {exitCode}; {cli.Messages}");
        using var json = JsonDocument.Parse(cli.Output[before..]);
        return json.RootElement.Clone();
    }
}
