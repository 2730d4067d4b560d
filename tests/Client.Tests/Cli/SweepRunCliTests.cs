using System.Text.Json;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.GridTestSupport;
using Xunit;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary>facekd sweep run with no cluster configured: an embedded silo runs the sweep (fake executor) and exits.</summary>
public sealed class SweepRunCliTests
{
    [Fact]
    public async Task ARunPrintsJsonResultsAndSavesAPlot()
    {
        using var cli = new CliRun();
        var spec = cli.WriteSpec("""
            name: cli-run
            teacher: { kind: train, epochs: 2 }
            evaluation: { agreement: demo-faces }
            search_space:
              compression_ratio: [2, 4, 8]
              aug.strength: [0.25, 0.5]
              epochs: 2
            """);
        var plot = Path.Combine(cli.Directory, "plot.png");
        await cli.StoreFacesAsync("demo-faces");

        var exitCode = await cli.RunAsync("sweep", "run", spec, "--format", "json", "--plot", plot);

        Assert.True(exitCode == ExitCodes.Done, cli.Messages);
        Assert.Contains("sweep cli-run submitted: 7 trials", cli.Messages, StringComparison.Ordinal);
        Assert.Contains("t005 completed epoch 2/2", cli.Messages, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(cli.Output);
        var root = json.RootElement;
        Assert.Equal("cli-run", root.GetProperty("sweepId").GetString());
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal(1_000_000, root.GetProperty("teacher").GetProperty("params").GetInt64());
        Assert.Equal(0.97, root.GetProperty("teacher").GetProperty("accuracy").GetDouble());
        var trials = root.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(6, trials.Count);
        foreach (var trial in trials)
        {
            foreach (var field in new[] { "id", "status", "params", "compressionRatio", "studentParams", "accuracy", "accuracyStd", "untrainedAccuracy", "tar", "far", "validationAccuracy", "validationTar", "teacherAgreement", "untrainedTeacherAgreement",
                "teacherNeighbourAgreement", "epochs", "attempts", "resumedFromEpoch", "teacherForwardPasses", "teacherCacheHits", "reason" })
            {
                Assert.True(trial.TryGetProperty(field, out _), $"trial lacks {field}");
            }
            Assert.Equal("completed", trial.GetProperty("status").GetString());
            Assert.Equal(0.6, trial.GetProperty("untrainedAccuracy").GetDouble());
            Assert.Equal(FakeTrialExecutor.TeacherAgreement, trial.GetProperty("teacherAgreement").GetDouble());
            Assert.Equal(FakeTrialExecutor.UntrainedTeacherAgreement, trial.GetProperty("untrainedTeacherAgreement").GetDouble());
            Assert.Equal(FakeTrialExecutor.TeacherNeighbourAgreement, trial.GetProperty("teacherNeighbourAgreement").GetDouble());
            Assert.Equal(2, trial.GetProperty("params").GetProperty("epochs").GetInt32());
            Assert.Equal("replacement", trial.GetProperty("params").GetProperty("aug.method").GetString());
        }
        Assert.Equal([2.0, 4.0, 8.0], root.GetProperty("bestPerRatio").EnumerateArray().Select(best => best.GetProperty("compressionRatio").GetDouble()));
        Assert.Equal(6, root.GetProperty("groups").GetArrayLength());
        Assert.NotEmpty(root.GetProperty("pareto").EnumerateArray());
        var png = await File.ReadAllBytesAsync(plot);
        Assert.True(png.Length > 10_000, $"plot is only {png.Length} bytes");
        Assert.Equal((byte)'P', png[1]);
    }

    [Fact]
    public async Task ACsvOfASweepWithAnAgreementSetHasTheAgreementColumns()
    {
        using var cli = new CliRun();
        var spec = cli.WriteSpec("""
            name: cli-agreement
            teacher: { kind: dlib }
            evaluation: { agreement: demo-faces }
            search_space: { compression_ratio: 2, epochs: 1 }
            """);
        await cli.StoreFacesAsync("demo-faces");

        var exitCode = await cli.RunAsync("sweep", "run", spec, "--format", "csv");

        Assert.True(exitCode == ExitCodes.Done, cli.Messages);
        var lines = cli.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, line => line.Contains(",tar_seed_std,teacher_agreement,untrained_teacher_agreement,teacher_neighbour_agreement,attempts,", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("t000,completed,", StringComparison.Ordinal) && line.Contains(",0.8000,0.3000,0.5000,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARunWhoseTrialsAllFailExitsWithOne()
    {
        using var cli = new CliRun();
        // The fake diverges for lr >= 100.
        var spec = cli.WriteSpec("""
            name: cli-fails
            teacher: { kind: dlib }
            search_space: { compression_ratio: [2, 4], lr: 1000, epochs: 2 }
            max_failures: 1
            """);

        var exitCode = await cli.RunAsync("sweep", "run", spec, "--format", "csv");

        Assert.Equal(ExitCodes.Failed, exitCode);
        var lines = cli.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, line => line.StartsWith("id,status,compression_ratio,data.synthface.zipf,aug.method,", StringComparison.Ordinal) && !line.Contains("agreement", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("t000,failed,2,", StringComparison.Ordinal) && line.Contains("diverged", StringComparison.Ordinal));
        Assert.Contains("t001 failed after 2 attempts", cli.Messages, StringComparison.Ordinal);
    }
}
