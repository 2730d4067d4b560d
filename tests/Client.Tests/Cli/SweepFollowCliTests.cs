using System.Text.Json;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.GridTestSupport;
using FaceKdGrid.TestSupport;
using Xunit;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary>facekd sweep run without a terminal: progress as plain lines on standard error while the sweep runs.</summary>
public sealed class SweepFollowCliTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ThePipedOutputOfARunningSweepHasEpochLinesBeforeTheSweepEnds()
    {
        // Six slow epochs per trial: seconds pass between the first epoch line and the results.
        using var cli = new CliRun(new FakeTrialExecutor { EpochDelay = TimeSpan.FromMilliseconds(500) });
        var spec = cli.WriteSpec("""
            name: cli-follow
            teacher: { kind: dlib }
            search_space: { compression_ratio: [2, 4], epochs: 6 }
            """);
        var curves = Path.Combine(cli.Directory, "curves.csv");

        var run = cli.RunAsync("sweep", "run", spec, "--format", "json", "--epochs", curves);
        // Messages first, output after: an epoch line seen before the results were is one written before them.
        var (messages, output) = await Eventually.HoldsAsync(
            () => Task.FromResult((cli.Messages, cli.Output)),
            seen => seen.Item1.Contains(" epoch 1/6, validation accuracy ", StringComparison.Ordinal),
            Patience,
            "an epoch line");
        Assert.Empty(output);
        Assert.False(run.IsCompleted, "the sweep ended before its first epoch line was read");
        Assert.DoesNotContain("epoch 6/6", messages, StringComparison.Ordinal);

        var exitCode = await run;

        Assert.True(exitCode == ExitCodes.Done, cli.Messages);
        var lines = cli.Messages.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        // Started before following began, the trial is shown running instead.
        Assert.Contains(lines, line => line.Contains(" t000 started: attempt 1 on embedded/cpu", StringComparison.Ordinal) || line.Contains(" t000 running: attempt 1 on embedded/cpu", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(" t001 epoch 3/6, validation accuracy 0.", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(" t001 completed epoch 6/6, validation accuracy 0.", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(" sweep cli-follow running, ", StringComparison.Ordinal) && line.Contains(" elapsed: ", StringComparison.Ordinal));
        Assert.EndsWith(": 2 completed of 2 trials", lines.Last(line => line.Contains(" sweep cli-follow ", StringComparison.Ordinal)), StringComparison.Ordinal);
        // Standard output keeps only the results.
        using var json = JsonDocument.Parse(cli.Output);
        Assert.Equal("completed", json.RootElement.GetProperty("status").GetString());

        var rows = File.ReadAllLines(curves);
        Assert.Equal("trial_id,epoch,train_loss,validation_accuracy,validation_tar,far,seconds", rows[0]);
        Assert.Equal(["t000", "t001"], rows.Skip(1).Select(row => row.Split(',')[0]).Distinct().Order());
        Assert.Equal(12, rows.Length - 1);
        Assert.Contains("epoch curves saved to", cli.Messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEpochsFileThatIsNeitherCsvNorJsonIsRefusedBeforeTheSweepRuns()
    {
        using var cli = new CliRun();
        var spec = cli.WriteSpec("""
            name: cli-epochs-txt
            teacher: { kind: dlib }
            search_space: { compression_ratio: 2, epochs: 1 }
            """);

        var exitCode = await cli.RunAsync("sweep", "run", spec, "--epochs", Path.Combine(cli.Directory, "curves.txt"));

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("--epochs: 'curves.txt' must end in .csv or .json", cli.Messages, StringComparison.Ordinal);
        Assert.DoesNotContain("submitted", cli.Messages, StringComparison.Ordinal);
    }
}
