using FaceKdGrid.Client.Output;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using Xunit;

namespace FaceKdGrid.Client.Tests.Output;

/// <summary>The lines a sweep followed without a terminal prints: one per trial event, and the periodic summary.</summary>
public sealed class SweepLogLinesTests
{
    // Two hours ahead of UTC: every line reads UTC.
    private static readonly DateTimeOffset Time = new(2026, 1, 5, 12, 2, 11, TimeSpan.FromHours(2));

    [Fact]
    public void AStartNamesTheAttemptAndItsWorker() => Assert.Equal(
        "2026-01-05 10:02:11Z t003 started: attempt 2 on silo-a/cpu",
        SweepLogLines.Of(Event(SweepEventKind.TrialStarted, TrialStatus.Running) with { Attempt = 2, Worker = "silo-a/cpu" }, "accuracy"));

    [Fact]
    public void AnEpochNamesItsProgressAndTheSweepsMetric() => Assert.Equal(
        "2026-01-05 10:02:11Z t003 epoch 2/6, validation accuracy 0.8123",
        SweepLogLines.Of(Event(SweepEventKind.EpochReported, TrialStatus.Running) with { Epoch = 2, Metric = 0.81234 }, "accuracy"));

    [Fact]
    public void AFinishNamesTheStatusAndTheFinalMetric() => Assert.Equal(
        "2026-01-05 10:02:11Z t003 completed epoch 6/6, validation tar 0.5000",
        SweepLogLines.Of(Event(SweepEventKind.TrialFinished, TrialStatus.Completed) with { Epoch = 6, Metric = 0.5 }, "tar"));

    [Fact]
    public void AFailureNamesItsReason() => Assert.Equal(
        "2026-01-05 10:02:11Z t003 failed epoch 1/6: diverged: loss is NaN at epoch 2",
        SweepLogLines.Of(Event(SweepEventKind.TrialFinished, TrialStatus.Failed) with { Epoch = 1, Message = "diverged: loss is NaN at epoch 2" }, "accuracy"));

    [Fact]
    public void ARequeueNamesItsReason() => Assert.Equal(
        "2026-01-05 10:02:11Z t003 requeued: attempt 1 lost: worker silo-b/cpu stopped sending heartbeats",
        SweepLogLines.Of(Event(SweepEventKind.TrialRequeued, TrialStatus.Pending) with { Message = "attempt 1 lost: worker silo-b/cpu stopped sending heartbeats" }, "accuracy"));

    [Fact]
    public void ATrialRunningWhenFollowingStartsIsShownWithItsProgress() => Assert.Equal(
        "2026-01-05 10:02:11Z t003 running: attempt 1 on silo-a/cpu, epoch 3/6, validation accuracy 0.7900",
        SweepLogLines.Of(Event(SweepEventKind.TrialState, TrialStatus.Running) with { Worker = "silo-a/cpu", Epoch = 3, Metric = 0.79 }, "accuracy"));

    [Theory]
    [InlineData(SweepEventKind.TrialState, TrialStatus.Pending)]
    [InlineData(SweepEventKind.TrialState, TrialStatus.Completed)]
    [InlineData(SweepEventKind.SweepFinished, TrialStatus.Pending)]
    public void TrialsNotRunningWhenFollowingStartsAndTheSweepsEndHaveNoLine(SweepEventKind kind, TrialStatus status) =>
        Assert.Null(SweepLogLines.Of(Event(kind, status), "accuracy"));

    [Fact]
    public void ASummaryCountsTrialsPerStatusAndTheHoursElapsedPastADay()
    {
        var summary = new SweepSummary
        {
            SweepId = "quickstart",
            Status = SweepStatus.Running,
            TrialCount = 5,
            Trials = new Dictionary<TrialStatus, int> { [TrialStatus.Completed] = 2, [TrialStatus.Pending] = 1, [TrialStatus.Running] = 2 },
            SubmittedAt = Time - new TimeSpan(30, 5, 7),
        };

        Assert.Equal("2026-01-05 10:02:11Z sweep quickstart running, 30:05:07 elapsed: 1 pending, 2 running, 2 completed of 5 trials", SweepLogLines.Summary(summary, Time));
    }

    [Fact]
    public void AnEndedSweepsSummaryCountsTheTimeUntilItEnded()
    {
        var summary = new SweepSummary
        {
            SweepId = "quickstart",
            Status = SweepStatus.Completed,
            TrialCount = 1,
            Trials = new Dictionary<TrialStatus, int> { [TrialStatus.Completed] = 1 },
            SubmittedAt = Time - TimeSpan.FromHours(2),
            FinishedAt = Time - TimeSpan.FromHours(1),
        };

        Assert.Equal("2026-01-05 10:02:11Z sweep quickstart completed, 1:00:00 elapsed: 1 completed of 1 trials", SweepLogLines.Summary(summary, Time));
    }

    private static SweepEvent Event(SweepEventKind kind, TrialStatus status) =>
        new() { Kind = kind, TrialId = "t003", TrialStatus = status, TotalEpochs = 6, Attempt = 1, Time = Time };
}
