using System.Text.Json;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.GridTestSupport;
using FaceKdGrid.TestSupport;
using Xunit;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary>
/// The query commands' --format json, against a running sweep: one facekd runs it on an embedded silo with a known
/// gateway port, another queries that gateway, as a script beside a cluster would.
/// </summary>
public sealed class QueryJsonCliTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ARunningSweepAnswersStatusListTrialAndClusterQueriesAsJson()
    {
        var port = CliRun.FreePort();
        using var runner = new CliRun(new FakeTrialExecutor { EpochDelay = TimeSpan.FromMilliseconds(300) }, port);
        var spec = runner.WriteSpec("""
            name: cli-query
            teacher: { kind: train, epochs: 2 }
            search_space: { compression_ratio: [2, 4], epochs: 100 }
            """);
        var run = runner.RunAsync("sweep", "run", spec);
        await Eventually.HoldsAsync(() => Task.FromResult(runner.Messages), messages => messages.Contains(" t001 epoch 1/100", StringComparison.Ordinal), Patience, "a student's first epoch");
        var gateway = $"127.0.0.1:{port}";

        using (var status = await QueryAsync("sweep", "status", "cli-query", "--gateway", gateway, "--format", "json"))
        {
            var root = status.RootElement;
            Assert.Equal("cli-query", root.GetProperty("sweepId").GetString());
            Assert.Equal("running", root.GetProperty("status").GetString());
            Assert.Equal("accuracy", root.GetProperty("metric").GetString());
            Assert.Equal(JsonValueKind.String, root.GetProperty("submittedAt").ValueKind);
            var trials = root.GetProperty("trials").EnumerateArray().ToList();
            Assert.Equal(["teacher", "t000", "t001"], trials.Select(trial => trial.GetProperty("id").GetString()));
            Assert.Equal("completed", trials[0].GetProperty("status").GetString());
            Assert.Equal("teacher", trials[0].GetProperty("kind").GetString());
            Assert.Equal(JsonValueKind.Null, trials[0].GetProperty("params").ValueKind);
            var student = trials[2];
            Assert.Equal("running", student.GetProperty("status").GetString());
            Assert.Equal(4, student.GetProperty("params").GetProperty("compression_ratio").GetDouble());
            Assert.True(student.GetProperty("epochs").GetInt32() >= 1);
            Assert.True(student.GetProperty("lastMetric").GetDouble() > 0);
            Assert.Equal(1, student.GetProperty("attempts").GetInt32());
            Assert.Equal(0, student.GetProperty("failures").GetInt32());
            Assert.Equal("embedded/cpu", student.GetProperty("worker").GetString());
            Assert.True(student.TryGetProperty("reason", out _));
        }

        using (var list = await QueryAsync("sweep", "list", "--gateway", gateway, "--format", "json"))
        {
            var sweep = Assert.Single(list.RootElement.GetProperty("sweeps").EnumerateArray());
            Assert.Equal("cli-query", sweep.GetProperty("sweepId").GetString());
            Assert.Equal("running", sweep.GetProperty("status").GetString());
            Assert.Equal("accuracy", sweep.GetProperty("metric").GetString());
            Assert.Equal(3, sweep.GetProperty("trialCount").GetInt32());
            var byStatus = sweep.GetProperty("trialsByStatus");
            Assert.Equal(["pending", "running", "completed", "stopped", "failed", "cancelled"], byStatus.EnumerateObject().Select(count => count.Name));
            Assert.Equal(1, byStatus.GetProperty("completed").GetInt32());
            Assert.Equal(2, byStatus.GetProperty("running").GetInt32());
            Assert.Equal(JsonValueKind.Null, sweep.GetProperty("finishedAt").ValueKind);
        }

        using (var teacher = await QueryAsync("trial", "show", "cli-query/teacher", "--gateway", gateway, "--format", "json"))
        {
            var root = teacher.RootElement;
            Assert.Equal("cli-query", root.GetProperty("sweepId").GetString());
            Assert.Equal("teacher", root.GetProperty("id").GetString());
            Assert.Equal("completed", root.GetProperty("status").GetString());
            Assert.Equal(1, root.GetProperty("attempts").GetInt32());
            Assert.Equal(0, root.GetProperty("failures").GetInt32());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("reason").ValueKind);
            Assert.Equal("embedded/cpu", root.GetProperty("worker").GetString());
            Assert.Equal("checkpoints/cli-query/teacher/epoch-2.pt", root.GetProperty("checkpoint").GetString());
            var outcome = root.GetProperty("outcome");
            Assert.Equal(FakeTrialExecutor.TeacherAccuracy, outcome.GetProperty("accuracy").GetDouble());
            Assert.Equal(FakeTrialExecutor.TeacherParams, outcome.GetProperty("studentParams").GetInt64());
            Assert.Equal(2, outcome.GetProperty("epochsRun").GetInt32());
            // What the engine reported it did, not what the scheduler asked: a fresh start, no teacher to call.
            Assert.Equal(0, outcome.GetProperty("resumedFromEpoch").GetInt32());
            Assert.Equal(0, outcome.GetProperty("teacherForwardPasses").GetInt32());
            Assert.Equal(0, outcome.GetProperty("teacherCacheHits").GetInt32());
            var epochs = root.GetProperty("epochs").EnumerateArray().ToList();
            Assert.Equal([1, 2], epochs.Select(epoch => epoch.GetProperty("epoch").GetInt32()));
            Assert.Equal(["epoch", "trainLoss", "validationAccuracy", "validationTar", "far", "seconds"], epochs[1].EnumerateObject().Select(field => field.Name));
            Assert.Equal(0.5, epochs[1].GetProperty("trainLoss").GetDouble());
        }

        using (var table = new CliRun())
        {
            Assert.Equal(ExitCodes.Done, await table.RunAsync("trial", "show", "cli-query/teacher", "--gateway", gateway));
            Assert.Contains("resumed after epoch", table.Output, StringComparison.Ordinal);
            Assert.Contains("teacher passes", table.Output, StringComparison.Ordinal);
        }

        using (var cluster = await QueryAsync("cluster", "status", "--gateway", gateway, "--format", "json"))
        {
            var root = cluster.RootElement;
            var silo = Assert.Single(root.GetProperty("silos").EnumerateArray());
            Assert.Equal("embedded", silo.GetProperty("name").GetString());
            Assert.Equal("active", silo.GetProperty("status").GetString());
            Assert.EndsWith("Z", silo.GetProperty("started").GetString(), StringComparison.Ordinal);
            var worker = Assert.Single(root.GetProperty("workers").EnumerateArray());
            Assert.Equal("embedded/cpu", worker.GetProperty("id").GetString());
            Assert.Equal("embedded", worker.GetProperty("silo").GetString());
            Assert.Equal("cpu", worker.GetProperty("device").GetString());
            Assert.True(worker.GetProperty("alive").GetBoolean());
            Assert.False(worker.GetProperty("draining").GetBoolean());
            Assert.Equal(4, worker.GetProperty("slots").GetInt32());
            Assert.Equal(JsonValueKind.Array, worker.GetProperty("runningTrials").ValueKind);
            Assert.Equal(JsonValueKind.String, worker.GetProperty("lastHeartbeat").ValueKind);
            Assert.Equal(1, root.GetProperty("liveWorkers").GetInt32());
            Assert.Equal(4, root.GetProperty("slots").GetInt32());
            Assert.True(root.GetProperty("freeSlots").GetInt32() is >= 0 and <= 4);
        }

        using var cancel = new CliRun();
        var cancelled = await cancel.RunAsync("sweep", "cancel", "cli-query", "--gateway", gateway);
        Assert.True(cancelled == ExitCodes.Done, $"sweep cancel: exit {cancelled}: {cancel.Messages}");
        Assert.Equal(ExitCodes.Failed, await run.WaitAsync(Patience));
    }

    private static async Task<JsonDocument> QueryAsync(params string[] args)
    {
        using var cli = new CliRun();
        var exitCode = await cli.RunAsync(args);
        Assert.True(exitCode == ExitCodes.Done, cli.Messages);
        return JsonDocument.Parse(cli.Output);
    }
}
