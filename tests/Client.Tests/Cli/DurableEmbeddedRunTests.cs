using System.Text.Json;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Client.Connection;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.GridTestSupport;
using Xunit;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary>
/// The embedded silo keeps its grain state under the state root: an interrupted sweep run resumes from its checkpoints
/// when run again, and the query commands answer from that state after the process that ran it is gone.
/// </summary>
public sealed class DurableEmbeddedRunTests
{
    [Fact]
    public async Task AnInterruptedRunResumesAndItsResultsOutliveIt()
    {
        var fake = new FakeTrialExecutor { EpochDelay = TimeSpan.FromMilliseconds(150) };
        using var interrupt = new CancellationTokenSource();
        using var cli = new CliRun(new InterruptingExecutor(fake, epoch: 2, interrupt));
        var spec = cli.WriteSpec("""
            name: durable
            teacher: { kind: train, epochs: 2 }
            search_space:
              compression_ratio: [2, 4]
              epochs: 5
            max_concurrent: 2
            """);

        await RunUntilInterruptedAsync(cli, interrupt.Token, "sweep", "run", spec);
        var interrupted = fake.Executions.Where(run => run.Assignment.Kind == TrialKind.Student && run.Ending == "cancelled").ToList();
        // The student that checkpointed epoch 2 interrupted the run; the other may have been at any epoch.
        Assert.Contains(interrupted, run => run.LastEpoch is >= 2 and < 5);
        var runsBefore = fake.Executions.Count;

        // Asking about the interrupted sweep starts none of its trials.
        Assert.Equal(ExitCodes.Done, await cli.RunAsync("sweep", "status", "durable"));
        Assert.Equal(runsBefore, fake.Executions.Count);

        var output = cli.Output.Length;
        var exitCode = await cli.RunAsync("sweep", "run", spec, "--format", "json");

        Assert.True(exitCode == ExitCodes.Done, cli.Messages);
        Assert.Contains("It resumes from", cli.Messages, StringComparison.Ordinal);
        var resumed = fake.Executions.Skip(runsBefore).ToList();
        Assert.DoesNotContain(resumed, run => run.Assignment.Kind == TrialKind.Teacher);
        foreach (var run in interrupted)
        {
            var again = Assert.Single(resumed, next => next.Assignment.TrialId == run.Assignment.TrialId);
            // Its last checkpoint: the epoch it reached, or the one before if the interruption came as it was recorded.
            Assert.True(again.Assignment.ResumeEpoch >= run.LastEpoch - 1, $"{run.Assignment.TrialId} reached epoch {run.LastEpoch}, resumed at {again.Assignment.ResumeEpoch}");
        }
        var results = cli.Output[output..];
        using (var json = JsonDocument.Parse(results))
        {
            Assert.Equal("completed", json.RootElement.GetProperty("status").GetString());
            var trials = json.RootElement.GetProperty("trials").EnumerateArray().ToList();
            Assert.Equal(2, trials.Count);
            Assert.All(trials, trial => Assert.Equal("completed", trial.GetProperty("status").GetString()));
            Assert.Contains(trials, trial => trial.GetProperty("resumedFromEpoch").GetInt32() >= 2);
        }

        // A later process reads the same results from the state root, and lists and shows the sweep.
        output = cli.Output.Length;
        Assert.Equal(ExitCodes.Done, await cli.RunAsync("sweep", "results", "durable", "--format", "json"));
        Assert.Equal(results, cli.Output[output..]);
        output = cli.Output.Length;
        Assert.Equal(ExitCodes.Done, await cli.RunAsync("sweep", "list"));
        Assert.Contains("durable", cli.Output[output..], StringComparison.Ordinal);
        output = cli.Output.Length;
        Assert.Equal(ExitCodes.Done, await cli.RunAsync("trial", "show", "durable/t000"));
        Assert.Contains("completed", cli.Output[output..], StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("sweep", "results", "never-run"));
    }

    [Fact]
    public async Task OneEmbeddedSiloAtATimeUsesAStateRoot()
    {
        using var cli = new CliRun();
        await using (await GridConnection.StartEmbeddedAsync(cli.Context, startsTrials: true, CancellationToken.None))
        {
            Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("sweep", "list"));
            Assert.Contains("another facekd process is using", cli.Messages, StringComparison.Ordinal);
        }

        Assert.Equal(ExitCodes.Done, await cli.RunAsync("sweep", "list"));
    }

    /// <summary>Runs facekd until the token interrupts it, as Ctrl-C would; the exit code of an interrupted run is not checked.</summary>
    private static async Task RunUntilInterruptedAsync(CliRun cli, CancellationToken interrupt, params string[] args)
    {
        try
        {
            await cli.RunAsync(interrupt, args);
        }
        catch (OperationCanceledException)
        {
        }
        Assert.True(interrupt.IsCancellationRequested, "the run ended before it was interrupted: " + cli.Messages);
    }
}
