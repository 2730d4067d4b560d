using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grains.Workers;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Scheduling;

public sealed class TrialIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly WorkerLease Lease = new() { WorkerId = "silo-a/cpu", Incarnation = "1" };

    [Fact]
    public void StudentsWaitForTheTeacherAndRetriesForTheirBackOff()
    {
        var trials = new[] { Trial("teacher", TrialKind.Teacher), Trial("t000"), Trial("t001") };
        var index = new TrialIndex(trials, defined: 3);
        Assert.Equal(["teacher"], index.Startable(Now).Select(trial => trial.TrialId));

        index.Apply(trials[0], trials[0].Lifecycle.Start(Lease, Now));
        Assert.Empty(index.Startable(Now));

        index.Apply(trials[0], trials[0].Lifecycle.Finish(new TrialOutcome(), Now));
        index.Apply(trials[1], trials[1].Lifecycle.Start(Lease, Now).Fail("boom", maxFailures: 1, TimeSpan.FromSeconds(1), Now));
        Assert.Equal(["t001"], index.Startable(Now).Select(trial => trial.TrialId));
        Assert.Equal(["t000", "t001"], index.Startable(Now.AddSeconds(1)).Select(trial => trial.TrialId));
    }

    [Fact]
    public void OnlyDefinedTrialsMayStart()
    {
        var trials = new[] { Trial("t000"), Trial("t001"), Trial("t002") };
        var index = new TrialIndex(trials, defined: 1);

        Assert.Equal(["t000"], index.Startable(Now).Select(trial => trial.TrialId));
        Assert.Equal(["t001", "t002"], index.Undefined.Select(trial => trial.TrialId));

        index.MarkDefined(3);

        Assert.True(index.AllDefined);
        Assert.Equal(["t000", "t001", "t002"], index.Startable(Now).Select(trial => trial.TrialId));
    }

    [Fact]
    public void OnlyTheRunningAttemptIsCurrentAndRunningTrialsAreFollowed()
    {
        var trials = new[] { Trial("t000") };
        var index = new TrialIndex(trials, defined: 1);
        index.Apply(trials[0], trials[0].Lifecycle.Start(Lease, Now).Requeue("lost").Start(Lease, Now));

        Assert.Same(trials[0], index.Current("t000", 2));
        Assert.Null(index.Current("t000", 1));
        Assert.Null(index.Current("t001", 2));
        Assert.Same(trials[0], Assert.Single(index.Running));
        Assert.Empty(index.Pending);

        index.Apply(trials[0], trials[0].Lifecycle.Cancel("cancelled", Now));
        Assert.Empty(index.Running);
    }

    [Fact]
    public void ASweepEndsOnceEveryTrialIsFinalAndFailsWithoutAStudentResultOrWithAFailedTeacher()
    {
        Assert.Null(Ending(TrialStatus.Completed, TrialStatus.Running));
        Assert.Equal(SweepStatus.Completed, Ending(TrialStatus.Stopped, TrialStatus.Failed));
        Assert.Equal(SweepStatus.Failed, Ending(TrialStatus.Failed));
        var teacher = Trial("teacher", TrialKind.Teacher, TrialStatus.Failed);
        Assert.Equal(SweepStatus.Failed, new TrialIndex([teacher, Trial("t000", status: TrialStatus.Completed)], 2).Ending());
    }

    [Fact]
    public void CatchingUpMovesATrialBetweenTheIndexesSets()
    {
        var trials = new[] { Trial("t000") };
        var index = new TrialIndex(trials, defined: 1);

        index.CatchUp(trials[0], new TrialSnapshot { Lifecycle = new TrialLifecycle { Status = TrialStatus.Running, Attempts = 1 } }, SweepMetric.Accuracy);

        Assert.Empty(index.Pending);
        Assert.Same(trials[0], index.Current("t000", 1));
    }

    private static SweepStatus? Ending(params TrialStatus[] statuses) =>
        new TrialIndex(statuses.Select((status, i) => Trial($"t{i:000}", status: status)).ToList(), statuses.Length).Ending();

    private static TrialState Trial(string id, TrialKind kind = TrialKind.Student, TrialStatus status = TrialStatus.Pending) => new()
    {
        Definition = new TrialDefinition { TrialId = id, Kind = kind },
        Lifecycle = new TrialLifecycle { Status = status },
    };
}
