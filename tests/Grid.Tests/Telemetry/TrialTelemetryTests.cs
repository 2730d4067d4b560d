using FaceKdGrid.TestSupport;
using System.Diagnostics;
using FaceKdGrid.Client.Specs;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Telemetry;
using FaceKdGrid.Grid.Tests.Cluster;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Telemetry;

[Collection(GridClusterCollection.Name)]
public sealed class TrialTelemetryTests(GridClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EveryTrialOfASweepIsCountedStartedAndCompletedWithTheEpochsItRan()
    {
        using var recorder = new GridTelemetryRecorder();

        var (sweep, done) = await RunAsync("name: telemetry-metrics\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: [2, 4], epochs: 3 }");
        // An attempt ends its activity after it has reported, so the sweep may end just before the last one.
        await Eventually.HoldsAsync(() => Task.FromResult(recorder.TrialsOf(sweep).Count), stopped => stopped == recorder.Of("facekd.trials.started", sweep).Count,
            Patience, "every attempt's activity to end");

        Assert.Equal(SweepStatus.Completed, done.Status);
        var executions = fixture.Fake.ExecutionsOf(sweep);
        var started = recorder.Of("facekd.trials.started", sweep);
        Assert.Equal(executions.Count, started.Count);
        Assert.Equal(["t000", "t001"], started.Select(measurement => measurement.Trial).Distinct().Order());
        var completed = recorder.Of("facekd.trials.ended", sweep).Where(measurement => measurement.Tag(GridTelemetry.OutcomeTag) == GridTelemetry.Completed);
        Assert.Equal(["t000", "t001"], completed.Select(measurement => measurement.Trial).Order());
        var epochs = recorder.Of("facekd.epochs", sweep);
        Assert.Equal(6, done.Trials.Sum(trial => trial.Epochs));
        Assert.Equal(executions.Sum(record => record.LastEpoch - record.Assignment.ResumeEpoch), epochs.Sum(measurement => measurement.Value));
        var durations = recorder.Of("facekd.epoch.duration", sweep);
        Assert.Equal(epochs.Count, durations.Count);
        Assert.All(durations, measurement => Assert.Equal(fixture.Fake.EpochDelay.TotalSeconds, measurement.Value));
        Assert.All(started.Concat(completed).Concat(epochs).Concat(durations), measurement => Assert.Equal("cpu", measurement.Tag(GridTelemetry.DeviceTag)));
    }

    [Fact]
    public async Task EachAttemptIsOneActivityTaggedWithItsTrialAndOutcome()
    {
        using var recorder = new GridTelemetryRecorder();

        // The fake fails seed 99's first attempt after epoch 1; the retry resumes from that epoch's checkpoint.
        var (sweep, done) = await RunAsync("name: telemetry-traces\nteacher: { kind: dlib }\nsearch_space: { compression_ratio: 4, seed: 99, epochs: 3 }");
        var attempts = await Eventually.HoldsAsync(() => Task.FromResult(recorder.TrialsOf(sweep)), stopped => stopped.Count >= 2, Patience, "both attempts' activities to end");

        Assert.Equal(SweepStatus.Completed, done.Status);
        Assert.Equal(1, Assert.Single(done.Trials).Lifecycle.Failures);
        var ordered = attempts.OrderBy(activity => activity.GetTagItem(GridTelemetry.AttemptTag)).ToList();
        Assert.Equal([1, 2], ordered.Select(activity => activity.GetTagItem(GridTelemetry.AttemptTag)));
        Assert.All(ordered, activity =>
        {
            Assert.Equal($"trial {sweep}/t000", activity.DisplayName);
            Assert.Equal(sweep, activity.GetTagItem(GridTelemetry.SweepTag));
            Assert.Equal("t000", activity.GetTagItem(GridTelemetry.TrialTag));
            Assert.Equal("cpu", activity.GetTagItem(GridTelemetry.DeviceTag));
        });
        var (failed, completed) = (ordered[0], ordered[1]);
        Assert.Equal(0, failed.GetTagItem(GridTelemetry.ResumeEpochTag));
        Assert.Equal(GridTelemetry.Failed, failed.GetTagItem(GridTelemetry.OutcomeTag));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Contains("shard cache vanished", failed.StatusDescription, StringComparison.Ordinal);
        Assert.Equal(1, completed.GetTagItem(GridTelemetry.ResumeEpochTag));
        // What the executor reported doing; a failed attempt reports nothing.
        Assert.Equal(1, completed.GetTagItem(GridTelemetry.ResumedFromEpochTag));
        Assert.Equal(0, completed.GetTagItem(GridTelemetry.TeacherForwardPassesTag));
        Assert.Equal(0, completed.GetTagItem(GridTelemetry.TeacherCacheHitsTag));
        Assert.Null(failed.GetTagItem(GridTelemetry.ResumedFromEpochTag));
        Assert.Equal(GridTelemetry.Completed, completed.GetTagItem(GridTelemetry.OutcomeTag));
        Assert.Equal(ActivityStatusCode.Ok, completed.Status);
        Assert.Single(recorder.Of("facekd.trials.ended", sweep), measurement => measurement.Tag(GridTelemetry.OutcomeTag) == GridTelemetry.Failed);
    }

    [Fact]
    public void TheSlotGaugesShowEverySiloOfTheClusterWithItsSlots()
    {
        using var recorder = new GridTelemetryRecorder();

        recorder.Observe();

        var total = recorder.Of("facekd.slots.total");
        var busy = recorder.Of("facekd.slots.busy");
        // Other test clusters in this process may have silos of the same names: each of ours is among them.
        Assert.All(fixture.Cluster.Silos, silo =>
        {
            Assert.Contains(total, measurement => Of(measurement, silo.Name) && measurement.Value == fixture.Options.SlotsPerSilo);
            Assert.Contains(busy, measurement => Of(measurement, silo.Name) && measurement.Value >= 0 && measurement.Value <= fixture.Options.SlotsPerSilo);
        });

        static bool Of(RecordedMeasurement measurement, string silo) =>
            measurement.Tag(GridTelemetry.SiloTag) == silo && measurement.Tag(GridTelemetry.DeviceTag) == "cpu";
    }

    private async Task<(string Sweep, SweepSnapshot Done)> RunAsync(string yaml)
    {
        var parsed = SweepSpecYaml.Parse(yaml);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        var coordinator = fixture.Grains.GetGrain<ISweepCoordinatorGrain>(parsed.Spec!.Name);
        await coordinator.SubmitAsync(parsed.Spec);
        var done = await Eventually.HoldsAsync(coordinator.GetStatusAsync, status => status.Status is not (SweepStatus.Running or SweepStatus.Unknown), Patience, "the sweep to end");
        return (parsed.Spec.Name, done);
    }
}
