using FaceKdGrid.Client.Cli;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Training;
using FaceKdGrid.Grains.Engine;
using FaceKdGrid.GridTestSupport;
using FaceKdGrid.Records;
using FaceKdGrid.TestSupport;
using FaceKdGrid.TestSupport.TensorBoard;
using Xunit;

namespace FaceKdGrid.Client.Tests.Cli;

/// <summary>
/// facekd sweep logs: every trial's event file into DIR/TRIAL/, from the .facekd/ of an earlier run or from a running
/// cluster's gateway. The fake executor trains nothing, so the tests store the event files as the engine's
/// <see cref="TensorBoardLog"/> does, where the engine keeps them.
/// </summary>
public sealed class SweepLogsCliTests
{
    /// <summary>A teacher trial and two students of <paramref name="epochs"/> epochs each.</summary>
    private static string Spec(int epochs) => $$"""
        name: cli-logs
        teacher: { kind: train, epochs: 2 }
        search_space: { compression_ratio: [2, 4], epochs: {{epochs}} }
        """;

    public SweepLogsCliTests() => TorchRuntime.Initialise(cpuThreads: 1);

    [Fact]
    public async Task AfterAnEmbeddedRunEachTrialsEventFileLandsInItsOwnFolder()
    {
        using var cli = new CliRun();
        Assert.Equal(ExitCodes.Done, await cli.RunAsync("sweep", "run", cli.WriteSpec(Spec(epochs: 2))));
        // t001 has finished no epoch (as far as its event file goes): it is named, and the others are written.
        await StoreEventFileAsync(cli, "teacher", epochs: 2);
        await StoreEventFileAsync(cli, "t000", epochs: 3);
        var logs = Path.Combine(cli.Directory, "logs");

        var exitCode = await cli.RunAsync("sweep", "logs", "cli-logs", "--out", logs);

        Assert.True(exitCode == ExitCodes.Done, cli.Messages);
        Assert.Equal(["t000", "teacher"], Directory.GetDirectories(logs).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var (trial, epochs) in new[] { ("teacher", 2), ("t000", 3) })
        {
            var written = Path.Combine(logs, trial, TensorBoardLog.FileName);
            Assert.Equal([written], Directory.GetFiles(Path.Combine(logs, trial)));
            Assert.Contains(written, cli.Output, StringComparison.Ordinal);
            var steps = TfEventsReader.Read(await File.ReadAllBytesAsync(written)).Where(record => record.Scalars.Count > 0).Select(record => record.Step).Distinct();
            Assert.Equal(Enumerable.Range(1, epochs).Select(epoch => (long)epoch), steps);
        }
        Assert.Contains("no event file yet (no epoch finished): t001", cli.Messages, StringComparison.Ordinal);
        Assert.Contains($"tensorboard --logdir {logs}", cli.Messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunningSweepsEventFilesComeThroughItsGateway()
    {
        var port = CliRun.FreePort();
        using var runner = new CliRun(new FakeTrialExecutor { EpochDelay = TimeSpan.FromMilliseconds(300) }, port);
        var run = runner.RunAsync("sweep", "run", runner.WriteSpec(Spec(epochs: 100)));
        await Eventually.HoldsAsync(() => Task.FromResult(runner.Messages), messages => messages.Contains(" t001 epoch 1/100", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "a student's first epoch");
        await StoreEventFileAsync(runner, "t001", epochs: 1);
        var gateway = $"127.0.0.1:{port}";

        using (var client = new CliRun())
        {
            var logs = Path.Combine(client.Directory, "logs");
            var exitCode = await client.RunAsync("sweep", "logs", "cli-logs", "--out", logs, "--gateway", gateway);

            Assert.True(exitCode == ExitCodes.Done, client.Messages);
            var written = Path.Combine(logs, "t001", TensorBoardLog.FileName);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(runner.Context.ArtifactsRoot, TrialArtifacts.EventFile("cli-logs", "t001"))), await File.ReadAllBytesAsync(written));
            Assert.Equal(["t001"], Directory.GetDirectories(logs).Select(Path.GetFileName));
        }

        using var cancel = new CliRun();
        Assert.Equal(ExitCodes.Done, await cancel.RunAsync("sweep", "cancel", "cli-logs", "--gateway", gateway));
        await run.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task AnOutThatIsAFileIsRefusedBeforeAnyGridIsAsked()
    {
        using var cli = new CliRun();
        var file = Path.Combine(cli.Directory, "logs.txt");
        await File.WriteAllTextAsync(file, "mine");

        var exitCode = await cli.RunAsync("sweep", "logs", "cli-logs", "--out", file);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains($"error: --out: '{file}' is a file; name a folder (it is created if missing)", cli.Messages, StringComparison.Ordinal);
        Assert.Equal("mine", await File.ReadAllTextAsync(file));
        Assert.False(Directory.Exists(cli.Context.StateRoot), "no embedded silo was started");
    }

    [Fact]
    public async Task AnUnknownSweepIsNamedAndNothingIsWritten()
    {
        using var cli = new CliRun();
        var logs = Path.Combine(cli.Directory, "logs");

        var exitCode = await cli.RunAsync("sweep", "logs", "no-such-sweep", "--out", logs);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("error: no sweep 'no-such-sweep' was submitted", cli.Messages, StringComparison.Ordinal);
        Assert.False(Directory.Exists(logs));
    }

    [Fact]
    public async Task ASweepWhoseTrialsHaveNoEventFilesYetIsRefusedAndNothingIsWritten()
    {
        using var cli = new CliRun();
        Assert.Equal(ExitCodes.Done, await cli.RunAsync("sweep", "run", cli.WriteSpec(Spec(epochs: 2))));
        var logs = Path.Combine(cli.Directory, "logs");

        var exitCode = await cli.RunAsync("sweep", "logs", "cli-logs", "--out", logs);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains("error: sweep 'cli-logs' has no TensorBoard event files yet: none of its 3 trials has finished an epoch", cli.Messages, StringComparison.Ordinal);
        Assert.False(Directory.Exists(logs));
    }

    [Fact]
    public async Task ACorruptStoredEventFileIsNamedAndNothingIsWritten()
    {
        using var cli = new CliRun();
        Assert.Equal(ExitCodes.Done, await cli.RunAsync("sweep", "run", cli.WriteSpec(Spec(epochs: 2))));
        await StoreEventFileAsync(cli, "teacher", epochs: 2);
        await StoreEventFileAsync(cli, "t000", epochs: 2);
        var stored = Path.Combine(cli.Context.ArtifactsRoot, TrialArtifacts.EventFile("cli-logs", "t000"));
        var bytes = await File.ReadAllBytesAsync(stored);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(stored, bytes);
        var logs = Path.Combine(cli.Directory, "logs");

        var exitCode = await cli.RunAsync("sweep", "logs", "cli-logs", "--out", logs);

        Assert.Equal(ExitCodes.BadInput, exitCode);
        Assert.Contains($"error: artifact '{TrialArtifacts.EventFile("cli-logs", "t000")}' is corrupt", cli.Messages, StringComparison.Ordinal);
        Assert.False(Directory.Exists(logs));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(stored));
    }

    /// <summary>A curve of <paramref name="epochs"/> epochs stored as the engine stores a trial's, in the run's artifact folder.</summary>
    private static Task StoreEventFileAsync(CliRun cli, string trialId, int epochs)
    {
        var history = Enumerable.Range(1, epochs)
            .Select(epoch => new EpochMetrics(epoch, 1.0 / epoch, new Dictionary<string, double> { ["feature"] = 0.5 / epoch }, 0.05, 1000, 2, new EpochValidation(0.7, 0.05, 0.3, 0.02))
            {
                EndedAt = DateTimeOffset.UtcNow,
            })
            .ToList();
        return TensorBoardLog.WriteAsync(new LocalFolderArtifactStore(cli.Context.ArtifactsRoot), TrialArtifacts.EventFile("cli-logs", trialId), history, CancellationToken.None);
    }
}
