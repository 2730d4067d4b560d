using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grains.Workers;
using FaceKdGrid.Grid.Tests.Cluster;
using FaceKdGrid.GridTestSupport;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Grains;

/// <summary>The experiment grain owns its trial's lifecycle: it persists each transition and ignores stale attempts.</summary>
[Collection(GridClusterCollection.Name)]
public sealed class ExperimentGrainTests(GridClusterFixture fixture)
{
    private static readonly WorkerLease Lease = new() { WorkerId = "silo-a/cpu", Incarnation = "1" };

    [Fact]
    public async Task TransitionsAreKeptAndReportsAboutASupersededAttemptChangeNothing()
    {
        var trial = await DefinedAsync("experiment-grain/t000");

        var first = await trial.StartAsync(Lease);
        var requeued = await trial.RequeueAsync(first.Attempts, "worker silo-a/cpu is gone");
        var second = await trial.StartAsync(Lease);
        // The first attempt's late reports arrive after the second started.
        Assert.Equal(second, await trial.FailAsync(first.Attempts, "late failure", maxFailures: 0, TimeSpan.Zero));
        Assert.Equal(second, await trial.FinishAsync(first.Attempts, new TrialOutcome { Accuracy = 0.1 }));
        await trial.RecordEpochAsync(first.Attempts, TestEpochs.Validated(1, 0.1));
        await trial.RecordEpochAsync(second.Attempts, TestEpochs.Validated(1, 0.7));
        var finished = await trial.FinishAsync(second.Attempts, new TrialOutcome { Accuracy = 0.8 });

        Assert.Equal((TrialStatus.Pending, "worker silo-a/cpu is gone"), (requeued.Status, requeued.Reason));
        Assert.Equal((TrialStatus.Completed, 2, 0.8), (finished.Status, finished.Attempts, finished.Outcome?.Accuracy));
        var record = await trial.GetAsync();
        Assert.Equal(finished, record.Lifecycle);
        Assert.Equal(0.7, Assert.Single(record.Epochs).Validation!.Accuracy);
    }

    [Fact]
    public async Task AnEndedTrialRefusesToStartAndStaysAsItEndedWhenCancelledAgain()
    {
        var trial = await DefinedAsync("experiment-grain/t001");
        var cancelled = await trial.CancelAsync("the sweep was cancelled");

        await Assert.ThrowsAsync<InvalidOperationException>(() => trial.StartAsync(Lease));
        Assert.Equal(cancelled, await trial.CancelAsync("again"));
        Assert.Equal(cancelled, await trial.AbandonAsync("the teacher trial failed"));
        Assert.Equal(cancelled, (await trial.GetAsync()).Lifecycle);
    }

    [Fact]
    public async Task AnUndefinedTrialCannotMove()
    {
        var trial = fixture.Grains.GetGrain<IExperimentLifecycleGrain>("experiment-grain/never-defined");

        await Assert.ThrowsAsync<InvalidOperationException>(() => trial.StartAsync(Lease));
        Assert.False((await trial.GetAsync()).Exists);
    }

    private async Task<IExperimentLifecycleGrain> DefinedAsync(string key)
    {
        var trial = fixture.Grains.GetGrain<IExperimentLifecycleGrain>(key);
        var (_, trialId) = TrialKeys.Parse(key);
        await trial.DefineAsync(new TrialDefinition { TrialId = trialId, Kind = TrialKind.Student, Parameters = TrialParameters.Defaults });
        return trial;
    }
}
