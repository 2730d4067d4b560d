using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Scheduling;

public sealed class SweepStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void StudentsWaitForTheTeacherAndRetriesForTheirBackOff()
    {
        var sweep = Sweep(Trial("teacher", TrialKind.Teacher, TrialStatus.Running), Trial("t000"), Trial("t001"));

        Assert.Empty(sweep.Startable(Now));

        sweep.Trials[0].Status = TrialStatus.Completed;
        sweep.Trials[1].NotBefore = Now.AddSeconds(1);
        Assert.Equal(["t001"], sweep.Startable(Now).Select(trial => trial.TrialId));
        Assert.Equal(["t000", "t001"], sweep.Startable(Now.AddSeconds(1)).Select(trial => trial.TrialId));
    }

    [Fact]
    public void OnlyTheRunningAttemptIsCurrent()
    {
        var sweep = Sweep(Trial("t000", status: TrialStatus.Running));
        sweep.Trials[0].Attempt = 2;

        Assert.Same(sweep.Trials[0], sweep.Current("t000", 2));
        Assert.Null(sweep.Current("t000", 1));
        Assert.Null(sweep.Current("t001", 2));
    }

    [Fact]
    public void ASweepEndsOnceEveryTrialIsFinalAndFailsWithoutAStudentResultOrWithAFailedTeacher()
    {
        Assert.Null(Sweep(Trial("t000", status: TrialStatus.Completed), Trial("t001", status: TrialStatus.Running)).Ending());
        Assert.Equal(SweepStatus.Completed, Sweep(Trial("t000", status: TrialStatus.Stopped), Trial("t001", status: TrialStatus.Failed)).Ending());
        Assert.Equal(SweepStatus.Failed, Sweep(Trial("t000", status: TrialStatus.Failed)).Ending());
        Assert.Equal(SweepStatus.Failed, Sweep(Trial("teacher", TrialKind.Teacher, TrialStatus.Failed), Trial("t000", status: TrialStatus.Failed)).Ending());
    }

    private static SweepState Sweep(params TrialState[] trials) => new() { Status = SweepStatus.Running, Trials = [.. trials] };

    private static TrialState Trial(string id, TrialKind kind = TrialKind.Student, TrialStatus status = TrialStatus.Pending) => new()
    {
        Definition = new TrialDefinition { TrialId = id, Kind = kind },
        Status = status,
    };
}
