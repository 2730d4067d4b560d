using FaceKdGrid.Client.Specs;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grid.Tests.Cluster;
using FaceKdGrid.GridTestSupport;
using FaceKdGrid.TestSupport;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Grains;

/// <summary>Changes to a submitted sweep: retrying its failed and cancelled trials, extending a random search.</summary>
[Collection(GridClusterCollection.Name)]
public sealed class SweepChangeTests(GridClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RetryRequeuesOnlyTheFailedTrialWhichKeepsItsAttemptsAndResumesFromItsCheckpoint()
    {
        // Seed 99 fails its first attempt at epoch 2 (after checkpointing epoch 1); with no retries left it fails.
        var spec = Parse("""
            name: retry-failed
            teacher: { kind: dlib }
            search_space:
              compression_ratio: 4
              seed: [0, 99]
              epochs: 3
            max_failures: 0
            """);
        var coordinator = fixture.Grains.GetGrain<ISweepCoordinatorGrain>(spec.Name);
        await coordinator.SubmitAsync(spec);
        var first = await WaitForEndAsync(coordinator);
        Assert.Equal(TrialStatus.Failed, first.Trials.Single(trial => trial.TrialId == "t001").Status);

        var retry = await coordinator.RetryAsync();
        var done = await WaitForEndAsync(coordinator);

        Assert.Null(retry.Refusal);
        Assert.Equal(["t001"], retry.TrialIds);
        Assert.Equal(SweepStatus.Completed, done.Status);
        Assert.All(done.Trials, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
        var retried = done.Trials.Single(trial => trial.TrialId == "t001").Lifecycle;
        Assert.Equal((0, 2), (retried.Failures, retried.Attempts));
        var executions = fixture.Fake.ExecutionsOf(spec.Name);
        Assert.Single(executions, record => record.Assignment.TrialId == "t000");
        var second = Assert.Single(executions, record => record.Assignment.TrialId == "t001" && record.Assignment.Attempt == 2);
        Assert.Equal(1, second.Assignment.ResumeEpoch);
        var record = await fixture.Grains.GetGrain<IExperimentGrain>(TrialKeys.Of(spec.Name, "t001")).GetAsync();
        Assert.Equal([1, 2, 3], record.Epochs.Select(epoch => epoch.Epoch));

        var again = await coordinator.RetryAsync();
        Assert.Equal("sweep 'retry-failed' has no failed or cancelled trials to retry (it is completed)", again.Refusal);
        Assert.Equal(SweepStatus.Completed, (await coordinator.GetSummaryAsync()).Status);
    }

    [Fact]
    public async Task RetryingACancelledSweepRunsWhatTheCancelStoppedAndKeepsWhatFinished()
    {
        var spec = Parse("""
            name: retry-cancelled
            teacher: { kind: train, epochs: 1 }
            search_space: { compression_ratio: [2, 4, 8], epochs: 4 }
            max_concurrent: 1
            """);
        var coordinator = fixture.Grains.GetGrain<ISweepCoordinatorGrain>(spec.Name);
        await coordinator.SubmitAsync(spec);
        await Eventually.HoldsAsync(coordinator.GetStatusAsync, status => status.Trials.Any(trial => trial.Status == TrialStatus.Completed && trial.TrialId == "t000"), Patience, "t000 to complete");
        await coordinator.CancelAsync();
        var cancelled = await coordinator.GetStatusAsync();
        var finished = cancelled.Trials.Where(trial => trial.Status == TrialStatus.Completed).Select(trial => trial.TrialId).ToList();

        var retry = await coordinator.RetryAsync();
        var done = await WaitForEndAsync(coordinator);

        Assert.Equal(cancelled.Trials.Where(trial => trial.Status == TrialStatus.Cancelled).Select(trial => trial.TrialId), retry.TrialIds);
        Assert.NotEmpty(retry.TrialIds);
        Assert.Equal(SweepStatus.Completed, done.Status);
        Assert.All(done.Trials, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
        var executions = fixture.Fake.ExecutionsOf(spec.Name);
        Assert.All(finished, id => Assert.Single(executions, record => record.Assignment.TrialId == id));
    }

    [Fact]
    public async Task ExtendingARandomSearchTwiceRunsTheTrialsOfTheLongerSearch()
    {
        var spec = Parse("""
            name: extend-twice
            teacher: { kind: dlib }
            search_space:
              compression_ratio: 4
              lr: { loguniform: [0.01, 0.1] }
              epochs: 2
            num_samples: 2
            """);
        var coordinator = fixture.Grains.GetGrain<ISweepCoordinatorGrain>(spec.Name);
        await coordinator.SubmitAsync(spec);
        await WaitForEndAsync(coordinator);

        var first = await coordinator.ExtendAsync(2);
        await WaitForEndAsync(coordinator);
        var second = await coordinator.ExtendAsync(2);
        var done = await WaitForEndAsync(coordinator);

        Assert.Equal(["t002", "t003"], first.TrialIds);
        Assert.Equal(["t004", "t005"], second.TrialIds);
        Assert.Equal(SweepStatus.Completed, done.Status);
        Assert.Equal(6, done.Spec!.NumSamples);
        var longer = TrialExpansion.Expand(spec with { NumSamples = 6 });
        Assert.Equal(longer.Select(trial => (trial.TrialId, trial.Parameters)), done.Trials.Select(trial => (trial.TrialId, trial.Parameters)));
        Assert.All(done.Trials, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
        Assert.Equal(done.Trials.Select(trial => trial.TrialId).Order(), fixture.Fake.ExecutionsOf(spec.Name).Select(record => record.Assignment.TrialId).Order());
        // The submitted spec is still the sweep's: submitting it again changes nothing.
        Assert.Equal(SubmitOutcome.AlreadySubmitted, (await coordinator.SubmitAsync(spec)).Outcome);
    }

    [Fact]
    public async Task ChangesThatCannotBeMadeAreRefusedNamingTheSweepAndChangeNothing()
    {
        var spec = Parse("name: refused-changes\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: [2, 4], epochs: 1 }");
        var coordinator = fixture.Grains.GetGrain<ISweepCoordinatorGrain>(spec.Name);
        await coordinator.SubmitAsync(spec);
        var before = await WaitForEndAsync(coordinator);
        var random = Parse("name: refused-samples\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 2, lr: { uniform: [0.01, 0.1] }, epochs: 1 }");
        var randomCoordinator = fixture.Grains.GetGrain<ISweepCoordinatorGrain>(random.Name);
        await randomCoordinator.SubmitAsync(random);
        await WaitForEndAsync(randomCoordinator);

        var unknown = fixture.Grains.GetGrain<ISweepCoordinatorGrain>("never-submitted");
        Assert.Equal("no sweep 'never-submitted' was submitted", (await unknown.RetryAsync()).Refusal);
        Assert.Equal("no sweep 'never-submitted' was submitted", (await unknown.ExtendAsync(3)).Refusal);
        Assert.Equal(SweepStatus.Unknown, (await unknown.GetSummaryAsync()).Status);
        Assert.StartsWith("sweep 'refused-changes' is a grid search", (await coordinator.ExtendAsync(3)).Refusal, StringComparison.Ordinal);
        Assert.Equal("sweep 'refused-samples': 0 more samples must be at least 1", (await randomCoordinator.ExtendAsync(0)).Refusal);
        Assert.Contains("at most", (await randomCoordinator.ExtendAsync(int.MaxValue - 1)).Refusal, StringComparison.Ordinal);

        var after = await coordinator.GetStatusAsync();
        Assert.Equal((SweepStatus.Completed, 2, 1), (after.Status, after.Trials.Count, after.Spec!.NumSamples));
        Assert.Equal(before.FinishedAt, after.FinishedAt);
        var randomAfter = await randomCoordinator.GetStatusAsync();
        Assert.Equal((SweepStatus.Completed, 1), (randomAfter.Status, randomAfter.Trials.Count));
    }

    private static SweepSpec Parse(string yaml)
    {
        var result = SweepSpecYaml.Parse(yaml);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Spec!;
    }

    private static Task<SweepSnapshot> WaitForEndAsync(ISweepCoordinatorGrain coordinator) =>
        Eventually.HoldsAsync(coordinator.GetStatusAsync, status => status.Status is not (SweepStatus.Running or SweepStatus.Unknown), Patience, "the sweep to end");
}
