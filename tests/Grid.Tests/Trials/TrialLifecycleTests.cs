using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grains.Workers;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Trials;

/// <summary>The trial's state machine, transition by transition, and the transitions it refuses.</summary>
public sealed class TrialLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly WorkerLease Lease = new() { WorkerId = "silo-a/cpu", Incarnation = "7" };
    private static readonly TrialLifecycle Pending = new();

    [Fact]
    public void StartingOpensANewAttemptOnTheLeasedWorker()
    {
        var running = Pending.Start(Lease, Now);

        Assert.Equal((TrialStatus.Running, 1, "silo-a/cpu", "7", Now, Now), (running.Status, running.Attempts, running.Worker, running.WorkerIncarnation, running.DispatchedAt, running.StartedAt));
        Assert.True(running.IsCurrent(1));
        Assert.False(running.IsCurrent(0));
        // A second attempt keeps the first start time.
        var again = running.Requeue("lost").Start(Lease, Now.AddMinutes(1));
        Assert.Equal((2, Now, Now.AddMinutes(1)), (again.Attempts, again.StartedAt, again.DispatchedAt));
    }

    [Fact]
    public void FinishingCompletesUnlessTheSchedulerAskedForAStop()
    {
        var outcome = new TrialOutcome { Accuracy = 0.9 };
        var running = Pending.Start(Lease, Now) with { Reason = "an earlier failure" };

        var completed = running.Finish(outcome, Now);
        var stopped = running.RequestStop().Finish(outcome, Now);

        Assert.Equal((TrialStatus.Completed, outcome, null, Now), (completed.Status, completed.Outcome, completed.Reason, completed.FinishedAt));
        Assert.Equal(TrialStatus.Stopped, stopped.Status);
        Assert.False(running.RequestStop().Requeue("hand-off").Start(Lease, Now).StopRequested);
    }

    [Fact]
    public void AFailureRetriesAfterItsBackOffUntilTheFailuresExceedTheLimit()
    {
        var first = Pending.Start(Lease, Now).Fail("NaN loss", maxFailures: 1, TimeSpan.FromSeconds(4), Now);

        Assert.Equal((TrialStatus.Pending, 1, Now.AddSeconds(4)), (first.Status, first.Failures, first.NotBefore));
        Assert.Equal("attempt 1 failed (NaN loss); retry 1 of 1 in 4 s", first.Reason);
        Assert.False(first.MayStart(Now.AddSeconds(3)));
        Assert.True(first.MayStart(Now.AddSeconds(4)));

        var last = first.Start(Lease, Now.AddSeconds(4)).Fail("NaN loss", maxFailures: 1, TimeSpan.FromSeconds(8), Now.AddSeconds(5));

        Assert.Equal((TrialStatus.Failed, 2, "NaN loss", Now.AddSeconds(5)), (last.Status, last.Failures, last.Reason, last.FinishedAt));
    }

    [Fact]
    public void ARequeueCountsNoFailureAndWaitsForNothing()
    {
        var requeued = Pending.Start(Lease, Now).Fail("boom", 3, TimeSpan.FromSeconds(1), Now).Start(Lease, Now).Requeue("worker silo-a/cpu is gone");

        Assert.Equal((TrialStatus.Pending, 1, "worker silo-a/cpu is gone", null), (requeued.Status, requeued.Failures, requeued.Reason, requeued.NotBefore));
        Assert.True(requeued.MayStart(Now));
    }

    [Fact]
    public void AbandoningFailsAPendingTrialWithoutAnAttempt()
    {
        var abandoned = Pending.Abandon("the teacher trial failed: boom", Now);

        Assert.Equal((TrialStatus.Failed, 0, 0, "the teacher trial failed: boom"), (abandoned.Status, abandoned.Attempts, abandoned.Failures, abandoned.Reason));
    }

    [Fact]
    public void CancellingEndsAPendingOrARunningTrial()
    {
        Assert.Equal(TrialStatus.Cancelled, Pending.Cancel("the sweep was cancelled", Now).Status);
        var cancelled = Pending.Start(Lease, Now).Cancel("the sweep was cancelled", Now);
        Assert.Equal((TrialStatus.Cancelled, "the sweep was cancelled", Now), (cancelled.Status, cancelled.Reason, cancelled.FinishedAt));
    }

    [Fact]
    public void RetryingAFailedTrialKeepsItsAttemptsAndGivesItAFreshFailureBudget()
    {
        var failed = Pending.Start(Lease, Now).Fail("NaN loss", maxFailures: 0, TimeSpan.Zero, Now);

        var retried = failed.Retry();

        Assert.Equal((TrialStatus.Pending, 1, 0, null, null), (retried.Status, retried.Attempts, retried.Failures, retried.FinishedAt, retried.NotBefore));
        Assert.Equal("retried after it failed (NaN loss)", retried.Reason);
        Assert.Equal((Now, "silo-a/cpu"), (retried.StartedAt, retried.Worker));
        Assert.True(retried.MayStart(Now));
        // The next attempt is the second, and it may fail max_failures times again before the trial fails.
        var second = retried.Start(Lease, Now);
        Assert.Equal(2, second.Attempts);
        Assert.Equal(TrialStatus.Pending, second.Fail("NaN loss", maxFailures: 1, TimeSpan.Zero, Now).Status);
    }

    [Fact]
    public void RetryingACancelledTrialMakesItPendingAgain()
    {
        var cancelled = Pending.Start(Lease, Now).RequestStop().Cancel("the sweep was cancelled", Now);

        var retried = cancelled.Retry();

        Assert.Equal((TrialStatus.Pending, 1, false), (retried.Status, retried.Attempts, retried.StopRequested));
        Assert.Equal("retried after it was cancelled (the sweep was cancelled)", retried.Reason);
        Assert.Equal(TrialStatus.Pending, Pending.Cancel("the sweep was cancelled", Now).Retry().Status);
    }

    [Fact]
    public void TransitionsFromAStatusTheyDoNotLeaveAreRefused()
    {
        var running = Pending.Start(Lease, Now);
        var completed = running.Finish(new TrialOutcome(), Now);

        Assert.Contains("a running trial cannot start", Assert.Throws<InvalidOperationException>(() => running.Start(Lease, Now)).Message);
        Assert.Throws<InvalidOperationException>(() => Pending.Finish(new TrialOutcome(), Now));
        Assert.Throws<InvalidOperationException>(() => Pending.Fail("boom", 1, TimeSpan.Zero, Now));
        Assert.Throws<InvalidOperationException>(() => Pending.Requeue("lost"));
        Assert.Throws<InvalidOperationException>(() => Pending.RequestStop());
        Assert.Throws<InvalidOperationException>(() => running.Abandon("teacher failed", Now));
        Assert.Contains("a pending trial cannot retry (only failed or cancelled)", Assert.Throws<InvalidOperationException>(() => Pending.Retry()).Message);
        Assert.Throws<InvalidOperationException>(() => running.Retry());
        Assert.Throws<InvalidOperationException>(() => completed.Retry());
        Assert.Throws<InvalidOperationException>(() => (completed with { Status = TrialStatus.Stopped }).Retry());
        foreach (var final in new[] { completed, completed with { Status = TrialStatus.Stopped }, completed with { Status = TrialStatus.Failed }, completed with { Status = TrialStatus.Cancelled } })
        {
            Assert.Throws<InvalidOperationException>(() => final.Start(Lease, Now));
            Assert.Throws<InvalidOperationException>(() => final.Cancel("late", Now));
            Assert.Throws<InvalidOperationException>(() => final.Finish(new TrialOutcome(), Now));
            Assert.False(final.IsCurrent(1));
            Assert.False(final.MayStart(Now));
        }
    }
}
