using System.Security.Cryptography;
using System.Text.Json;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Client.Specs;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.GridTestSupport;
using FaceKdGrid.TestSupport;
using Xunit;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary>
/// facekd sweep retry and sweep extend on the embedded silo over a state root: they change the sweep a sweep run left
/// there, follow it and print its results; what they refuse is exit code 2 and leaves every state file as it was.
/// </summary>
public sealed class SweepChangeCliTests
{
    [Fact]
    public async Task RetryRunsTheFailedTrialAgainFromItsCheckpointAndPrintsTheResults()
    {
        var fake = new FakeTrialExecutor();
        using var cli = new CliRun(fake);
        // Seed 99 fails its first attempt at epoch 2, after its first checkpoint; with no retries left it fails.
        var spec = cli.WriteSpec("""
            name: cli-retry
            teacher: { kind: dlib }
            search_space:
              compression_ratio: 4
              seed: [0, 99]
              epochs: 3
            max_failures: 0
            """);
        Assert.Equal(ExitCodes.Done, await cli.RunAsync("sweep", "run", spec));
        Assert.Contains("t001 failed after 1 attempts", cli.Messages, StringComparison.Ordinal);
        Assert.Contains("run them again with facekd sweep retry cli-retry", cli.Messages, StringComparison.Ordinal);

        // The same spec again runs nothing, and says how to.
        var messages = cli.Messages.Length;
        Assert.Equal(ExitCodes.Done, await cli.RunAsync("sweep", "run", spec));
        Assert.Contains("was already submitted with this spec", cli.Messages[messages..], StringComparison.Ordinal);
        Assert.Contains("facekd sweep retry cli-retry", cli.Messages[messages..], StringComparison.Ordinal);
        Assert.Equal(2, fake.Executions.Count);

        messages = cli.Messages.Length;
        var output = cli.Output.Length;
        var exitCode = await cli.RunAsync("sweep", "retry", "cli-retry", "--format", "json");

        Assert.True(exitCode == ExitCodes.Done, cli.Messages);
        Assert.Contains("sweep cli-retry: 1 trials re-queued (t001)", cli.Messages[messages..], StringComparison.Ordinal);
        Assert.Contains(" t001 completed epoch 3/3", cli.Messages[messages..], StringComparison.Ordinal);
        using (var results = JsonDocument.Parse(cli.Output[output..]))
        {
            Assert.Equal("completed", results.RootElement.GetProperty("status").GetString());
            var trials = results.RootElement.GetProperty("trials").EnumerateArray().ToDictionary(trial => trial.GetProperty("id").GetString()!);
            Assert.All(trials.Values, trial => Assert.Equal("completed", trial.GetProperty("status").GetString()));
            Assert.Equal(1, trials["t000"].GetProperty("attempts").GetInt32());
            Assert.Equal(2, trials["t001"].GetProperty("attempts").GetInt32());
            Assert.Equal(1, trials["t001"].GetProperty("resumedFromEpoch").GetInt32());
        }
        Assert.Equal(3, fake.Executions.Count);

        messages = cli.Messages.Length;
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("sweep", "retry", "cli-retry"));
        Assert.Contains("error: sweep 'cli-retry' has no failed or cancelled trials to retry (it is completed)", cli.Messages[messages..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtendAddsTheSamplesOfTheLongerRandomSearchAndRefusesWhatItCannotDo()
    {
        var fake = new FakeTrialExecutor();
        using var cli = new CliRun(fake);
        const string Yaml = """
            name: cli-extend
            teacher: { kind: dlib }
            search_space:
              compression_ratio: 4
              lr: { loguniform: [0.01, 0.1] }
              epochs: 2
            num_samples: 2
            """;
        var random = cli.WriteSpec(Yaml);
        var grid = cli.WriteSpec("name: cli-grid\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: [2, 4], epochs: 1 }", "grid.yaml");
        Assert.Equal(ExitCodes.Done, await cli.RunAsync("sweep", "run", random));
        Assert.Equal(ExitCodes.Done, await cli.RunAsync("sweep", "run", grid));

        var output = cli.Output.Length;
        var exitCode = await cli.RunAsync("sweep", "extend", "cli-extend", "--samples", "2", "--format", "json");

        Assert.True(exitCode == ExitCodes.Done, cli.Messages);
        Assert.Contains("sweep cli-extend: 2 trials added (t002 to t003)", cli.Messages, StringComparison.Ordinal);
        var longer = TrialExpansion.Expand(SweepSpecYaml.Parse(Yaml).Spec! with { NumSamples = 4 });
        using (var results = JsonDocument.Parse(cli.Output[output..]))
        {
            var trials = results.RootElement.GetProperty("trials").EnumerateArray().ToList();
            Assert.Equal(longer.Select(trial => trial.TrialId), trials.Select(trial => trial.GetProperty("id").GetString()));
            Assert.Equal(longer.Select(trial => trial.Parameters!.Get(SearchKeys.Lr)), trials.Select(trial => trial.GetProperty("params").GetProperty("lr").GetDouble()));
            Assert.All(trials, trial => Assert.Equal("completed", trial.GetProperty("status").GetString()));
        }
        Assert.Equal(6, fake.Executions.Count);

        var states = StateFiles(cli);
        foreach (var (args, message) in new[]
        {
            (new[] { "sweep", "extend", "cli-grid", "--samples", "3" }, "error: sweep 'cli-grid' is a grid search: more samples would repeat its trials"),
            (["sweep", "extend", "cli-extend", "--samples", "0"], "error: --samples: 0 must be at least 1"),
            (["sweep", "extend", "cli-extend"], "--samples"),
            (["sweep", "extend", "nope", "--samples", "1"], "error: no sweep 'nope' was submitted"),
            (["sweep", "retry", "nope"], "error: no sweep 'nope' was submitted"),
            (["sweep", "retry", "cli-grid"], "error: sweep 'cli-grid' has no failed or cancelled trials to retry (it is completed)"),
        })
        {
            var messages = cli.Messages.Length;
            Assert.Equal(ExitCodes.BadInput, await cli.RunAsync(args));
            Assert.Contains(message, cli.Messages[messages..], StringComparison.Ordinal);
        }
        Assert.Equal(states, StateFiles(cli));
        Assert.Equal(6, fake.Executions.Count);
    }

    [Fact]
    public async Task RetryAndExtendWorkOnAClusterThroughItsGateway()
    {
        // An embedded silo with a known gateway stands in for the cluster; a long sweep keeps it up meanwhile.
        var port = CliRun.FreePort();
        using var host = new CliRun(new FakeTrialExecutor { EpochDelay = TimeSpan.FromMilliseconds(100) }, port);
        var keepAlive = host.WriteSpec("name: cli-keepalive\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 2, epochs: 100000 }");
        var hosting = host.RunAsync("sweep", "run", keepAlive);
        await Eventually.HoldsAsync(() => Task.FromResult(host.Messages), messages => messages.Contains(" t000 epoch ", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the cluster to run");
        var gateway = $"127.0.0.1:{port}";
        using var client = new CliRun();
        var spec = client.WriteSpec("""
            name: cli-remote
            teacher: { kind: dlib }
            search_space:
              compression_ratio: 4
              seed: [0, 99]
              lr: { uniform: [0.01, 0.1] }
              epochs: 2
            max_failures: 0
            """);
        Assert.Equal(ExitCodes.Done, await client.RunAsync("sweep", "submit", spec, "--gateway", gateway));
        Assert.Equal(ExitCodes.Done, await client.RunAsync("sweep", "watch", "cli-remote", "--gateway", gateway));

        var output = client.Output.Length;
        var retried = await client.RunAsync("sweep", "retry", "cli-remote", "--gateway", gateway, "--format", "json");
        Assert.True(retried == ExitCodes.Done, client.Messages);
        using (var results = JsonDocument.Parse(client.Output[output..]))
        {
            var trials = results.RootElement.GetProperty("trials").EnumerateArray().ToList();
            Assert.All(trials, trial => Assert.Equal("completed", trial.GetProperty("status").GetString()));
            Assert.Equal(2, trials.Single(trial => trial.GetProperty("id").GetString() == "t001").GetProperty("attempts").GetInt32());
        }
        output = client.Output.Length;
        var extended = await client.RunAsync("sweep", "extend", "cli-remote", "--samples", "1", "--gateway", gateway, "--format", "json");
        Assert.True(extended == ExitCodes.Done, client.Messages);
        using (var results = JsonDocument.Parse(client.Output[output..]))
        {
            Assert.Equal(["t000", "t001", "t002", "t003"], results.RootElement.GetProperty("trials").EnumerateArray().Select(trial => trial.GetProperty("id").GetString()));
        }
        Assert.False(Directory.Exists(client.Context.StateRoot), "a client of a cluster keeps no state of its own");

        Assert.Equal(ExitCodes.Done, await client.RunAsync("sweep", "cancel", "cli-keepalive", "--gateway", gateway));
        await hosting;
    }

    [Fact]
    public async Task ACorruptStateFileIsNamedAndLeftAsItIs()
    {
        using var cli = new CliRun();
        var spec = cli.WriteSpec("""
            name: cli-corrupt
            teacher: { kind: dlib }
            search_space: { compression_ratio: [2, 4], epochs: 1 }
            max_failures: 0
            """);
        Assert.Equal(ExitCodes.Done, await cli.RunAsync("sweep", "run", spec));
        var sweepState = Assert.Single(StateFiles(cli).Keys, path => Path.GetFileName(path) == "cli-corrupt.sweep.state");
        var bytes = File.ReadAllBytes(sweepState);
        // Truncated, as a disk that filled up or a copy cut short leaves it.
        File.WriteAllBytes(sweepState, bytes[..(bytes.Length / 2)]);
        var damaged = StateFiles(cli);

        foreach (var args in new[]
        {
            new[] { "sweep", "retry", "cli-corrupt" },
            ["sweep", "extend", "cli-corrupt", "--samples", "1"],
            ["sweep", "results", "cli-corrupt"],
            ["sweep", "status", "cli-corrupt"],
            ["sweep", "run", spec],
        })
        {
            var messages = cli.Messages.Length;
            var exitCode = await cli.RunAsync(args);
            Assert.True(exitCode == ExitCodes.BadInput, $"{string.Join(' ', args)} exited {exitCode}: {cli.Messages[messages..]}");
            Assert.Contains($"error: grain state file '{sweepState}' is corrupt: ", cli.Messages[messages..], StringComparison.Ordinal);
        }
        Assert.Equal(damaged, StateFiles(cli));

        // A trial's own record, damaged the same way, is named by the query that reads it.
        var trialState = Assert.Single(damaged.Keys, path => Path.GetFileName(path) == Uri.EscapeDataString("cli-corrupt/t000") + ".experiment.state");
        File.WriteAllText(trialState, "{\"Definition\":");
        damaged = StateFiles(cli);
        var before = cli.Messages.Length;
        Assert.Equal(ExitCodes.BadInput, await cli.RunAsync("trial", "show", "cli-corrupt/t000"));
        Assert.Contains($"error: grain state file '{trialState}' is corrupt: ", cli.Messages[before..], StringComparison.Ordinal);
        Assert.Equal(damaged, StateFiles(cli));
    }

    /// <summary>Every grain state file under the state root, by path, with a hash of its content.</summary>
    internal static Dictionary<string, string> StateFiles(CliRun cli) =>
        Directory.EnumerateFiles(cli.Context.GrainsRoot, "*", SearchOption.AllDirectories)
            .ToDictionary(path => path, path => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))));
}
