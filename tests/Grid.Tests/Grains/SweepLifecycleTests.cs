using FaceKdGrid.Client.Specs;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grains.Workers;
using FaceKdGrid.Grid.Tests.Cluster;
using FaceKdGrid.GridTestSupport;
using FaceKdGrid.TestSupport;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Grains;

[Collection(GridClusterCollection.Name)]
public sealed class SweepLifecycleTests(GridClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ASweepTrainsItsTeacherFirstThenEveryStudentOnSeveralSilos()
    {
        var spec = Parse("""
            name: full-sweep
            teacher: { kind: train, epochs: 2 }
            search_space:
              compression_ratio: [4, 8]
              aug.strength: [0.25, 0.5]
              epochs: 3
            max_concurrent: 3
            """);
        var coordinator = fixture.Grains.GetGrain<ISweepCoordinatorGrain>(spec.Name);
        var events = CollectAsync(coordinator);

        var submitted = await coordinator.SubmitAsync(spec);
        var done = await WaitForEndAsync(coordinator);

        Assert.Equal(SubmitOutcome.Created, submitted.Outcome);
        Assert.Equal(5, submitted.TrialCount);
        Assert.Equal(SweepStatus.Completed, done.Status);
        Assert.All(done.Trials, trial => Assert.Equal(TrialStatus.Completed, trial.Status));
        var executions = fixture.Fake.ExecutionsOf(spec.Name);
        var teacherEnd = executions.Single(record => record.Assignment.Kind == TrialKind.Teacher);
        Assert.All(executions.Where(record => record.Assignment.Kind == TrialKind.Student), record =>
            Assert.Equal($"checkpoints/{spec.Name}/teacher/final.pt", record.Assignment.TeacherCheckpoint));
        Assert.True(done.Trials.Select(trial => trial.Lifecycle.Worker).Distinct().Count() > 1, "trials spread over silos");

        var results = await coordinator.GetResultsAsync();
        Assert.Equal(FakeTrialExecutor.TeacherParams, results.Teacher.Params);
        Assert.Equal(FakeTrialExecutor.TeacherAccuracy, results.Teacher.Accuracy);
        Assert.Equal(["t000", "t001", "t002", "t003"], results.Trials.Select(trial => trial.TrialId));
        Assert.Equal([4.0, 8.0], results.BestPerRatio.Select(best => best.CompressionRatio));
        Assert.Equal(["t001", "t003"], results.BestPerRatio.Select(best => best.TrialId));
        Assert.Equal(["t003", "t001"], results.Pareto.Select(point => point.TrialId));

        foreach (var trial in results.Trials)
        {
            var snapshot = await fixture.Grains.GetGrain<IExperimentGrain>(TrialKeys.Of(spec.Name, trial.TrialId)).GetAsync();
            Assert.True(snapshot.Exists);
            Assert.Equal(TrialStatus.Completed, snapshot.Status);
            Assert.Equal([1, 2, 3], snapshot.Epochs.Select(epoch => epoch.Epoch));
            Assert.Equal(trial.Outcome, snapshot.Outcome);
            Assert.Equal($"checkpoints/{spec.Name}/{trial.TrialId}/epoch-3.pt", snapshot.LastCheckpoint);
            Assert.Equal(trial.Parameters, snapshot.Parameters);
        }

        // The watch may subscribe just after the submission: then it opens with each trial's state instead.
        var seen = await events;
        Assert.Equal(SweepEventKind.SweepFinished, seen[^1].Kind);
        Assert.Contains(seen, item => item.Kind == SweepEventKind.EpochReported);
        Assert.All(done.Trials, trial => Assert.Contains(seen, item => item.TrialId == trial.TrialId && item.TrialStatus == TrialStatus.Completed));
        // Students start after the teacher trained, so the watch sees each start, naming the worker that ran it.
        Assert.All(results.Trials, trial => Assert.Contains(seen, item =>
            item.Kind == SweepEventKind.TrialStarted && item.TrialId == trial.TrialId && item.Worker == trial.Lifecycle.Worker && item.Attempt == 1));
        var teacher = await fixture.Grains.GetGrain<IExperimentGrain>(TrialKeys.Of(spec.Name, "teacher")).GetAsync();
        foreach (var trial in results.Trials)
        {
            var student = await fixture.Grains.GetGrain<IExperimentGrain>(TrialKeys.Of(spec.Name, trial.TrialId)).GetAsync();
            Assert.True(teacher.Lifecycle.FinishedAt <= student.Lifecycle.StartedAt, "students start after the teacher finished");
        }
        Assert.Equal("completed", teacherEnd.Ending);
    }

    [Fact]
    public async Task SubmittingTheSameSpecAgainChangesNothingAndAnotherSpecIsAConflict()
    {
        var spec = Parse("name: twice\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: [2, 4], epochs: 2 }");
        var coordinator = fixture.Grains.GetGrain<ISweepCoordinatorGrain>(spec.Name);

        var first = await coordinator.SubmitAsync(spec);
        var again = await coordinator.SubmitAsync(spec with { SearchSpace = new SearchSpaceSpec { Parameters = spec.SearchSpace!.Parameters.Reverse().ToArray() } });
        var other = await coordinator.SubmitAsync(spec with { MaxConcurrent = 1 });
        var done = await WaitForEndAsync(coordinator);

        Assert.Equal(SubmitOutcome.Created, first.Outcome);
        Assert.Equal(SubmitOutcome.AlreadySubmitted, again.Outcome);
        Assert.Equal(2, again.TrialCount);
        Assert.Equal(SubmitOutcome.Conflict, other.Outcome);
        Assert.Contains("different spec", Assert.Single(other.Errors).Problem, StringComparison.Ordinal);
        Assert.Equal(SweepStatus.Completed, done.Status);
        Assert.Equal(2, fixture.Fake.ExecutionsOf(spec.Name).Count);
        Assert.Single(await fixture.Grains.GetGrain<ISweepCatalogGrain>(0).ListAsync(), id => id == spec.Name);
    }

    [Fact]
    public async Task AnInvalidSpecIsRejectedByTheCoordinatorAndNothingIsCreated()
    {
        var coordinator = fixture.Grains.GetGrain<ISweepCoordinatorGrain>("rejected");
        var spec = new SweepSpec { Name = "not-the-key", MaxConcurrent = 0 };

        var result = await coordinator.SubmitAsync(spec);

        Assert.Equal(SubmitOutcome.Rejected, result.Outcome);
        Assert.Equal(["max_concurrent", "name", "search_space", "teacher"], result.Errors.Select(error => error.Field).Order().ToArray());
        Assert.Equal(SweepStatus.Unknown, (await coordinator.GetStatusAsync()).Status);
        Assert.DoesNotContain("rejected", await fixture.Grains.GetGrain<ISweepCatalogGrain>(0).ListAsync());
    }

    [Fact]
    public async Task AshaStopsTheWeakerTrialsAtTheirFirstRung()
    {
        // One at a time, each weaker than all before it (the fake is best at strength 0.5): every later one falls below the bar.
        var spec = Parse("""
            name: asha
            teacher: { kind: dlib }
            search_space:
              compression_ratio: 4
              aug.strength: [0.5, 0.4, 0.3, 0.2]
              epochs: 6
            max_concurrent: 1
            scheduler: { kind: asha, grace_period: 1, reduction_factor: 2, max_epochs: 4 }
            """);
        var coordinator = fixture.Grains.GetGrain<ISweepCoordinatorGrain>(spec.Name);

        await coordinator.SubmitAsync(spec);
        var done = await WaitForEndAsync(coordinator);

        Assert.Equal(SweepStatus.Completed, done.Status);
        var t000 = done.Trials.Single(trial => trial.TrialId == "t000");
        Assert.Equal(TrialStatus.Completed, t000.Status);
        Assert.Equal(4, t000.Epochs);
        Assert.All(done.Trials.Where(trial => trial.TrialId != "t000"), trial =>
        {
            Assert.Equal(TrialStatus.Stopped, trial.Status);
            Assert.Equal(1, trial.Epochs);
            Assert.NotNull(trial.Outcome);
        });
        Assert.All(fixture.Fake.ExecutionsOf(spec.Name), record => Assert.Equal("stopped", record.Ending));
    }

    [Fact]
    public async Task AshaComparesTrialsOfOneRatioAndSelectionReadsValidationWhileTablesReportTest()
    {
        // The fake scores a 16x student below every 2x one: one bracket per ratio keeps each ratio's best to the end.
        var spec = Parse("""
            name: asha-per-ratio
            teacher: { kind: dlib }
            search_space:
              compression_ratio: [2, 16]
              aug.strength: [0.5, 0.3]
              epochs: 4
            max_concurrent: 1
            scheduler: { kind: asha, grace_period: 1, reduction_factor: 2, max_epochs: 4 }
            """);
        var coordinator = fixture.Grains.GetGrain<ISweepCoordinatorGrain>(spec.Name);

        await coordinator.SubmitAsync(spec);
        var done = await WaitForEndAsync(coordinator);

        Assert.Equal(SweepStatus.Completed, done.Status);
        var byId = done.Trials.ToDictionary(trial => trial.TrialId);
        // t000 (2x, 0.5) and t002 (16x, 0.5) lead their brackets; t001 and t003 (strength 0.3) fall below them.
        Assert.Equal([TrialStatus.Completed, TrialStatus.Stopped, TrialStatus.Completed, TrialStatus.Stopped],
            new[] { "t000", "t001", "t002", "t003" }.Select(id => byId[id].Status));
        var results = await coordinator.GetResultsAsync();
        Assert.Equal(["t000", "t002"], results.BestPerRatio.Select(best => best.TrialId));
        Assert.All(results.BestPerRatio, best =>
        {
            var outcome = byId[best.TrialId].Outcome!;
            Assert.Equal(outcome.ValidationAccuracy, best.SelectionMetric);
            Assert.Equal(outcome.Accuracy, best.Metric);
            Assert.Equal(outcome.Accuracy - FakeTrialExecutor.ValidationGap, best.SelectionMetric, 12);
            Assert.False(best.StoppedEarly);
        });
    }

    [Fact]
    public async Task AFailingTrialIsRetriedWithBackOffThenFailsAloneWhileTheRestFinish()
    {
        // Fake triggers: lr >= 100 diverges on every attempt; seed 99 fails its first attempt only.
        var spec = Parse("""
            name: failures
            teacher: { kind: dlib }
            search_space:
              compression_ratio: 4
              lr: [0.05, 1000]
              seed: [0, 99]
              epochs: 3
            max_failures: 2
            """);
        var coordinator = fixture.Grains.GetGrain<ISweepCoordinatorGrain>(spec.Name);

        await coordinator.SubmitAsync(spec);
        var done = await WaitForEndAsync(coordinator);

        Assert.Equal(SweepStatus.Completed, done.Status);
        var trials = done.Trials.ToDictionary(trial => trial.TrialId);
        // Failures, not attempts, are what the retry policy counts: a loaded machine may also re-queue an attempt whose
        // worker missed its heartbeats, which adds an attempt but no failure.
        Assert.Equal(TrialStatus.Completed, trials["t000"].Status);
        Assert.Equal(0, trials["t000"].Lifecycle.Failures);
        Assert.Equal(TrialStatus.Completed, trials["t001"].Status);
        Assert.Equal(1, trials["t001"].Lifecycle.Failures);
        foreach (var failed in new[] { trials["t002"], trials["t003"] })
        {
            Assert.Equal(TrialStatus.Failed, failed.Status);
            Assert.Equal(3, failed.Lifecycle.Failures);
            Assert.True(failed.Lifecycle.Attempts >= 3);
            Assert.Contains("diverged", failed.Lifecycle.Reason, StringComparison.Ordinal);
        }
        var flaky = await fixture.Grains.GetGrain<IExperimentGrain>(TrialKeys.Of(spec.Name, "t001")).GetAsync();
        Assert.Equal([1, 2, 3], flaky.Epochs.Select(epoch => epoch.Epoch));
        var retried = fixture.Fake.ExecutionsOf(spec.Name).Single(record => record.Assignment.TrialId == "t001" && record.Assignment.Attempt == 2);
        Assert.Equal($"checkpoints/{spec.Name}/t001/epoch-1.pt", retried.Assignment.ResumeFrom);
        Assert.Equal(1, retried.Assignment.ResumeEpoch);
        var failedSnapshot = await fixture.Grains.GetGrain<IExperimentGrain>(TrialKeys.Of(spec.Name, "t002")).GetAsync();
        Assert.Equal(TrialStatus.Failed, failedSnapshot.Status);
        Assert.Contains("diverged", failedSnapshot.Lifecycle.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelStopsRunningTrialsAndSkipsPendingOnes()
    {
        var spec = Parse("""
            name: cancelled
            teacher: { kind: dlib }
            search_space: { compression_ratio: [2, 4, 8, 16, 32], epochs: 500 }
            max_concurrent: 2
            """);
        var coordinator = fixture.Grains.GetGrain<ISweepCoordinatorGrain>(spec.Name);
        await coordinator.SubmitAsync(spec);
        await Eventually.HoldsAsync(coordinator.GetStatusAsync, status => status.Trials.Count(trial => trial.Epochs >= 1) >= 2, Patience, "two trials running");

        await coordinator.CancelAsync();
        var cancelled = await coordinator.GetStatusAsync();

        Assert.Equal(SweepStatus.Cancelled, cancelled.Status);
        Assert.All(cancelled.Trials, trial => Assert.Equal(TrialStatus.Cancelled, trial.Status));
        var ended = await Eventually.HoldsAsync(
            () => Task.FromResult(fixture.Fake.ExecutionsOf(spec.Name)),
            records => records.Count == 2,
            Patience,
            "both running trials to end");
        // A trial ends either by its token or by the "stop" answer to an epoch reported after the cancel.
        Assert.All(ended, record =>
        {
            Assert.Contains(record.Ending, new[] { "cancelled", "stopped" });
            Assert.True(record.LastEpoch < 100, $"{record.Assignment.TrialId} ran on to epoch {record.LastEpoch}");
        });
        // An ended trial's slot is released right after its execution returns, and the registry then shows it free.
        await Eventually.HoldsAsync(
            fixture.Grains.GetGrain<IWorkerRegistryGrain>(0).GetWorkersAsync,
            workers => !workers.SelectMany(worker => worker.Heartbeat.Running).Any(key => key.StartsWith(spec.Name + "/", StringComparison.Ordinal)),
            Patience,
            "the registry to free the cancelled trials' slots");
        var pending = await fixture.Grains.GetGrain<IExperimentGrain>(TrialKeys.Of(spec.Name, "t004")).GetAsync();
        Assert.Equal(TrialStatus.Cancelled, pending.Status);
        Assert.Equal(0, pending.Lifecycle.Attempts);
    }

    private static SweepSpec Parse(string yaml)
    {
        var result = SweepSpecYaml.Parse(yaml);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Spec!;
    }

    private static Task<SweepSnapshot> WaitForEndAsync(ISweepCoordinatorGrain coordinator) =>
        Eventually.HoldsAsync(coordinator.GetStatusAsync, status => status.Status is not (SweepStatus.Running or SweepStatus.Unknown), Patience, "the sweep to end");

    private static async Task<List<SweepEvent>> CollectAsync(ISweepCoordinatorGrain coordinator)
    {
        var events = new List<SweepEvent>();
        using var timeout = new CancellationTokenSource(Patience);
        await foreach (var item in coordinator.WatchAsync(timeout.Token))
        {
            events.Add(item);
        }
        return events;
    }
}
