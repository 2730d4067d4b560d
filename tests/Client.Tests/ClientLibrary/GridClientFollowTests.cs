using System.Globalization;
using FaceKdGrid.Client.Cli;
using FaceKdGrid.Client.Connection;
using FaceKdGrid.Client.Tests.Cli;
using FaceKdGrid.ClientLibrary;
using FaceKdGrid.ClientLibrary.Connection;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.GridTestSupport;
using Xunit;

namespace FaceKdGrid.Client.Tests.ClientLibrary;

/// <summary>A program connected to a gateway follows a sweep it submitted to its end, as <c>facekd sweep watch</c> does.</summary>
public sealed class GridClientFollowTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FollowingASweepThroughAGatewaySeesEveryTrialCompleteAndTheSweepFinish()
    {
        using var cli = new CliRun(new FakeTrialExecutor { EpochDelay = TimeSpan.FromMilliseconds(100) });
        var spec = SpecFile.Load(new FileInfo(cli.WriteSpec("""
            name: client-follow
            teacher: { kind: dlib }
            search_space: { compression_ratio: [2, 4], seed: { grid: [0, 1] }, epochs: 3 }
            """)));
        var port = CliRun.FreePort();
        var settings = new Dictionary<string, string?>(cli.Context.EmbeddedSettings) { ["Cluster:GatewayPort"] = port.ToString(CultureInfo.InvariantCulture) };
        await using var silo = await GridConnection.StartEmbeddedAsync(cli.Context with { EmbeddedSettings = settings }, startsTrials: true, CancellationToken.None);
        await using var grid = await GridClient.ConnectAsync(new GridClientOptions { Gateways = [$"127.0.0.1:{port}"] });
        using var timeout = new CancellationTokenSource(Patience);

        // Following an id not yet submitted waits for its submission.
        var following = CollectAsync(grid.FollowAsync(spec.Name, timeout.Token));
        var submitted = await grid.SubmitAsync(spec);
        Assert.True(submitted.Accepted, string.Join("; ", submitted.Errors));
        var events = await following;

        Assert.False(timeout.IsCancellationRequested, "the sweep did not finish in time");
        var last = events[^1];
        Assert.Equal(SweepEventKind.SweepFinished, last.Kind);
        Assert.Equal(SweepStatus.Completed, last.SweepStatus);
        var trials = (await grid.GetSweepStatusAsync(spec.Name)).Trials.Select(trial => trial.TrialId).ToList();
        Assert.Equal(4, trials.Count);
        // A trial that finished before the subscription was made shows as completed in the current state sent first.
        var completed = events
            .Where(update => update.Kind is SweepEventKind.TrialFinished or SweepEventKind.TrialState && update.TrialStatus == TrialStatus.Completed)
            .Select(update => update.TrialId!)
            .Distinct()
            .Order();
        Assert.Equal(trials.Order(), completed);
        Assert.Contains(events, update => update.Kind == SweepEventKind.EpochReported);
    }

    private static async Task<List<SweepEvent>> CollectAsync(IAsyncEnumerable<SweepEvent> events)
    {
        var seen = new List<SweepEvent>();
        await foreach (var update in events)
        {
            seen.Add(update);
        }
        return seen;
    }
}
