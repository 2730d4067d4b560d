using FaceKdGrid.Client.Specs;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grid.Tests.Cluster;
using FaceKdGrid.GridTestSupport;
using FaceKdGrid.TestSupport;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Orleans.TestingHost;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Grains;

/// <summary>Kills silos, so it has a cluster of its own.</summary>
public sealed class SiloLossTests : IAsyncLifetime
{
    private readonly GridClusterOptions options = new() { Fake = new FakeTrialExecutor { EpochDelay = TimeSpan.FromMilliseconds(150) } };
    private InProcessTestCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await GridCluster.StartAsync(options);

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task ASweepSurvivesTheDeathOfItsCoordinatorsSiloAndResumesItsTrialsFromCheckpoints()
    {
        var spec = SweepSpecYaml.Parse("""
            name: survivor
            teacher: { kind: dlib }
            search_space: { compression_ratio: [2, 4, 8, 16, 32, 64], epochs: 8 }
            max_concurrent: 3
            """).Spec!;
        var doomed = cluster.Silos[^1];
        var coordinator = cluster.Client.GetGrain<ISweepCoordinatorGrain>(spec.Name);
        // The coordinator (and the experiments it creates) are placed on the silo that will die.
        RequestContext.Set(IPlacementDirector.PlacementHintKey, doomed.SiloAddress);
        await coordinator.SubmitAsync(spec);
        RequestContext.Clear();
        var doomedWorker = $"{doomed.Name}/cpu";
        var running = await Eventually.HoldsAsync(
            coordinator.GetStatusAsync,
            status => status.Trials.Any(trial => trial.Lifecycle.Worker == doomedWorker && trial.Status == TrialStatus.Running && trial.Epochs >= 2),
            TimeSpan.FromSeconds(30),
            "a trial on the doomed silo past its second epoch");
        var interrupted = running.Trials.First(trial => trial.Lifecycle.Worker == doomedWorker && trial.Status == TrialStatus.Running).TrialId;

        Assert.True(cluster.TryGetGrainContext(coordinator.GetGrainId(), out var placed));
        Assert.Equal(doomed.SiloAddress, placed.Address.SiloAddress);

        await cluster.KillSiloAsync(doomed);
        var done = await Eventually.HoldsAsync(
            coordinator.GetStatusAsync,
            status => status.Status != SweepStatus.Running,
            TimeSpan.FromSeconds(60),
            "the sweep to finish after the kill");

        Assert.Equal(SweepStatus.Completed, done.Status);
        Assert.All(done.Trials, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
        Assert.All(done.Trials, trial => Assert.NotEqual(doomedWorker, trial.Lifecycle.Worker));
        var resumed = options.Fake.ExecutionsOf(spec.Name)
            .Where(record => record.Assignment.TrialId == interrupted && record.Assignment.Attempt > 1)
            .OrderBy(record => record.Assignment.Attempt)
            .First();
        Assert.NotNull(resumed.Assignment.ResumeFrom);
        Assert.True(resumed.Assignment.ResumeEpoch >= 2, $"resumed after epoch {resumed.Assignment.ResumeEpoch}");
        var snapshot = await cluster.Client.GetGrain<IExperimentGrain>(TrialKeys.Of(spec.Name, interrupted)).GetAsync();
        Assert.Equal(Enumerable.Range(1, 8), snapshot.Epochs.Select(epoch => epoch.Epoch));
        Assert.True(snapshot.Lifecycle.Attempts >= 2);
    }
}
