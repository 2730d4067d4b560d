using FaceKdGrid.Client.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grid.Tests.Cluster;
using FaceKdGrid.TestSupport;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Grains;

/// <summary>A sweep larger than one definition batch: submit returns before every trial is defined, the rest follow.</summary>
[Collection(GridClusterCollection.Name)]
public sealed class LargeSweepTests(GridClusterFixture fixture)
{
    private const int Trials = 2500;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EveryTrialOfALargeSweepGetsItsExperimentGrainAndACancelReachesThemAll()
    {
        var (coordinator, submitted) = await SubmitAsync("large-sweep");
        Assert.Equal(Trials, submitted.TrialCount);
        var last = fixture.Grains.GetGrain<IExperimentGrain>(TrialKeys.Of("large-sweep", $"t{Trials - 1:0000}"));
        await Eventually.HoldsAsync(last.GetAsync, record => record.Exists, Patience, "the last trial's experiment grain to be defined");
        await coordinator.CancelAsync();

        var status = await coordinator.GetStatusAsync();
        Assert.Equal(SweepStatus.Cancelled, status.Status);
        Assert.All(status.Trials, trial => Assert.Equal(TrialStatus.Cancelled, trial.Status));
        Assert.Equal(TrialStatus.Cancelled, (await last.GetAsync()).Status);
    }

    [Fact]
    public async Task ACancelBeforeEveryTrialIsDefinedStillEndsEachExperimentGrainCancelled()
    {
        var (coordinator, _) = await SubmitAsync("large-sweep-cancelled-early");
        await coordinator.CancelAsync();

        var last = fixture.Grains.GetGrain<IExperimentGrain>(TrialKeys.Of("large-sweep-cancelled-early", $"t{Trials - 1:0000}"));
        var record = await Eventually.HoldsAsync(last.GetAsync, snapshot => snapshot.Status.IsFinal(), Patience, "the last trial to be defined and ended");
        Assert.Equal((TrialStatus.Cancelled, 0, "the sweep was cancelled"), (record.Status, record.Lifecycle.Attempts, record.Lifecycle.Reason));
    }

    /// <summary>Long trials one at a time: the sweep runs its first trial while its grains are defined and cancelled.</summary>
    private async Task<(ISweepCoordinatorGrain Coordinator, SubmitResult Submitted)> SubmitAsync(string name)
    {
        var parsed = SweepSpecYaml.Parse($"""
            name: {name}
            teacher: {"{ kind: dlib }"}
            search_space: {"{ compression_ratio: 4, seed: { randint: [0, 1000000] }, epochs: 500 }"}
            num_samples: {Trials}
            max_concurrent: 1
            """);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        var coordinator = fixture.Grains.GetGrain<ISweepCoordinatorGrain>(name);
        return (coordinator, await coordinator.SubmitAsync(parsed.Spec!));
    }
}
