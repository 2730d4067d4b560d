using FaceKdGrid.Cluster.Tests.Harness;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using Xunit;
using Xunit.Abstractions;

namespace FaceKdGrid.Cluster.Tests;

[Trait("Category", "Cluster")]
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ASweepPausesWhileStorageIsDownAndCompletesAfterItsRestartWithNoResultLost()
    {
        await using var cluster = await ProcessCluster.StartOnAzuriteAsync(output);
        var silos = await Task.WhenAll(new[] { "delta", "echo" }.Select(name => cluster.StartSiloAsync(name)));
        var client = await cluster.ConnectAsync(silos[0]);
        var spec = TinySweep.Spec("outage", students: 3, maxConcurrent: 2);
        var coordinator = client.Grains.GetGrain<ISweepCoordinatorGrain>(spec.Name);
        Assert.Equal(SubmitOutcome.Created, (await coordinator.SubmitAsync(spec)).Outcome);
        await ProcessCluster.WaitForTrialMidwayAsync(client, spec.Name, silos, TimeSpan.FromMinutes(3));

        // Same folder, same ports: the storage account comes back with everything written before the outage.
        await cluster.Azurite!.StopAsync();
        await Task.Delay(Outage);
        await cluster.Azurite.StartAsync();
        var atRestart = await coordinator.GetStatusAsync();

        var done = await ProcessCluster.WaitForSweepAsync(coordinator, TimeSpan.FromMinutes(4));
        // Progress resumed after the restart: the sweep was still under way when storage came back.
        Assert.Equal(SweepStatus.Running, atRestart.Status);
        Assert.True(
            atRestart.Trials.Sum(trial => trial.Epochs) < done.Trials.Sum(trial => trial.Epochs),
            $"{atRestart.Trials.Sum(trial => trial.Epochs)} epochs at the restart, {done.Trials.Sum(trial => trial.Epochs)} at the end");
        Assert.Equal(SweepStatus.Completed, done.Status);
        Assert.Equal(4, done.Trials.Count);
        foreach (var trial in done.Trials)
        {
            // No trial failed or was retried for the outage (max_failures is 0, so a failure would have ended the sweep
            // failed): storage calls are retried underneath, and trials never see the outage as their own failure.
            Assert.Equal(TrialStatus.Completed, trial.Status);
            Assert.Equal(0, trial.Lifecycle.Failures);
            Assert.NotNull(trial.Outcome);
            var snapshot = await client.Grains.GetGrain<IExperimentGrain>(TrialKeys.Of(spec.Name, trial.TrialId)).GetAsync();
            Assert.Equal(TrialStatus.Completed, snapshot.Status);
            Assert.Equal(trial.Outcome, snapshot.Outcome);
            // Every epoch is recorded once, in order.
            var epochs = trial.Kind == TrialKind.Teacher ? snapshot.Epochs.Count : TinySweep.Epochs;
            Assert.Equal(Enumerable.Range(1, epochs), snapshot.Epochs.Select(epoch => epoch.Epoch));
        }
        var results = await coordinator.GetResultsAsync();
        Assert.Equal(3, results.Trials.Count);
        Assert.All(results.Trials, trial => Assert.Equal(TinySweep.Epochs, trial.Outcome!.EpochsRun));

        // The outage was felt (storage calls retried) and ridden out, not skipped.
        Assert.Contains(silos, silo => ProcessCluster.LogLines(silo, "retrying").Count > 0);
        cluster.AssertNoSecretInLogs();
    }
}
