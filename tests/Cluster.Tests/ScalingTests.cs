using FaceKdGrid.Client.Cli;
using FaceKdGrid.Cluster.Tests.Harness;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.TestSupport;
using Spectre.Console;
using Xunit;
using Xunit.Abstractions;

namespace FaceKdGrid.Cluster.Tests;

[Trait("Category", "Cluster")]
public sealed class ScalingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SilosThatJoinMidSweepReceiveTrialsAndDrainedSilosLeaveWithoutFailingAny()
    {
        await using var cluster = await ProcessCluster.StartOnAzuriteAsync(output);
        var first = await cluster.StartSiloAsync("foxtrot");
        // Enough students that work remains through every step below: two silos start while it runs (several
        // seconds on two cores), and each later step waits for a trial midway on one particular silo.
        var spec = TinySweep.Spec("scaling", students: 9, maxConcurrent: 3);
        var firstClient = await cluster.ConnectAsync(first);
        Assert.Equal(SubmitOutcome.Created, (await firstClient.Grains.GetGrain<ISweepCoordinatorGrain>(spec.Name).SubmitAsync(spec)).Outcome);
        await ProcessCluster.WaitForTrialMidwayAsync(firstClient, spec.Name, [first], TimeSpan.FromMinutes(3));

        // Two silos join while the sweep runs; the client moves to one that stays to the end.
        var joined = await Task.WhenAll(new[] { "golf", "hotel" }.Select(name => cluster.StartSiloAsync(name)));
        var client = await cluster.ConnectAsync(joined[1]);
        var coordinator = client.Grains.GetGrain<ISweepCoordinatorGrain>(spec.Name);
        await Eventually.HoldsAsync(coordinator.GetStatusAsync,
            status => joined.All(silo => status.Trials.Any(trial => trial.Lifecycle.Worker == silo.Worker)),
            TimeSpan.FromMinutes(2), "trials on both silos that joined");

        // 'facekd cluster drain' on the first silo: its trial is handed off and the process leaves by itself.
        var (_, handedOffByCli) = await ProcessCluster.WaitForTrialMidwayAsync(client, spec.Name, [first], TimeSpan.FromMinutes(2));
        var messages = new StringWriter();
        var exitCode = await new FacekdApp(Cli(messages)).RunAsync(
            ["cluster", "drain", first.Name, "--gateway", $"127.0.0.1:{joined[1].GatewayPort}", "--cluster-id", cluster.ClusterId]);
        output.WriteLine(messages.ToString());
        Assert.Equal(ExitCodes.Done, exitCode);
        Assert.Contains($"Silo {first.Name} left the cluster", messages.ToString());
        Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        // SIGTERM on the second: it drains the same way before it stops.
        var (_, handedOffBySignal) = await ProcessCluster.WaitForTrialMidwayAsync(client, spec.Name, [joined[0]], TimeSpan.FromMinutes(2));
        joined[0].Terminate();
        Assert.Equal(0, await joined[0].WaitForExitAsync(TimeSpan.FromSeconds(60)));

        var done = await ProcessCluster.WaitForSweepAsync(coordinator, TimeSpan.FromMinutes(4));
        Assert.Equal(SweepStatus.Completed, done.Status);
        foreach (var trial in done.Trials)
        {
            Assert.Equal(TrialStatus.Completed, trial.Status);
            Assert.Null(trial.Lifecycle.Reason);
        }
        foreach (var (silo, trial) in new[] { (first, handedOffByCli), (joined[0], handedOffBySignal) })
        {
            Assert.NotEmpty(ProcessCluster.LogLines(silo, $"Handing off {spec.Name}/{trial.TrialId}"));
            var finished = done.Trials.Single(result => result.TrialId == trial.TrialId);
            Assert.True(finished.Lifecycle.Attempts >= 2);
            Assert.NotEqual(silo.Worker, finished.Lifecycle.Worker);
            var resumedAfter = ProcessCluster.ResumedAfterEpochs(cluster.Silos.Where(other => other != silo), spec.Name, trial.TrialId);
            Assert.NotEmpty(resumedAfter);
            Assert.All(resumedAfter, epoch => Assert.True(epoch > 0, $"{trial.TrialId} restarted from scratch"));
        }
        Assert.NotEmpty(ProcessCluster.LogLines(first, "is drained and leaves the cluster"));
        cluster.AssertNoSecretInLogs();
    }

    private static CliContext Cli(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        return new CliContext { Console = console, Messages = console };
    }
}
