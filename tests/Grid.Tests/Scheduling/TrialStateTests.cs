using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Scheduling;

public sealed class TrialStateTests
{
    private static readonly DateTimeOffset Dispatched = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ADispatchRecordedAfterTheLastSaveIsTakenOver()
    {
        var saved = Pending(attempt: 1, failures: 1);

        var changed = saved.CatchUp(new TrialSnapshot
        {
            Status = TrialStatus.Running,
            Attempts = 2,
            Failures = 1,
            Worker = "silo-b/cpu",
            WorkerIncarnation = "7",
            DispatchedAt = Dispatched,
            Epochs = [new EpochMetrics { Epoch = 3, ValidationAccuracy = 0.8 }],
        }, SweepMetric.Accuracy);

        Assert.True(changed);
        Assert.Equal((TrialStatus.Running, 2, 1, "silo-b/cpu", "7", Dispatched), (saved.Status, saved.Attempt, saved.Failures, saved.Worker, saved.WorkerIncarnation, saved.DispatchedAt));
        Assert.Equal((3, 0.8), (saved.LastEpoch, saved.LastMetric));
    }

    [Fact]
    public void AnOutcomeRecordedAfterTheLastSaveIsTakenOver()
    {
        var saved = Pending(attempt: 1, failures: 0);
        saved.Status = TrialStatus.Running;

        var changed = saved.CatchUp(new TrialSnapshot
        {
            Status = TrialStatus.Completed,
            Attempts = 1,
            Outcome = new TrialOutcome { Accuracy = 0.95, ValidationAccuracy = 0.9, EpochsRun = 4 },
        }, SweepMetric.Accuracy);

        Assert.True(changed);
        Assert.Equal(TrialStatus.Completed, saved.Status);
        Assert.Equal((4, 0.9), (saved.LastEpoch, saved.LastMetric));
        Assert.Equal(0.95, saved.Outcome?.Accuracy);
    }

    [Fact]
    public void ARecordThatIsNotAheadChangesNothing()
    {
        var saved = Pending(attempt: 2, failures: 1);

        Assert.False(saved.CatchUp(new TrialSnapshot { Status = TrialStatus.Running, Attempts = 1 }, SweepMetric.Accuracy));
        Assert.False(saved.CatchUp(new TrialSnapshot { Status = TrialStatus.Pending, Attempts = 2 }, SweepMetric.Accuracy));
        Assert.Equal((TrialStatus.Pending, 2), (saved.Status, saved.Attempt));
    }

    private static TrialState Pending(int attempt, int failures) => new()
    {
        Definition = new TrialDefinition { TrialId = "t000", Kind = TrialKind.Student },
        Status = TrialStatus.Pending,
        Attempt = attempt,
        Failures = failures,
    };
}
