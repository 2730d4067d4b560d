using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.GridTestSupport;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Scheduling;

public sealed class TrialStateTests
{
    private static readonly DateTimeOffset Dispatched = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CatchingUpTakesTheExperimentsLifecycleAndItsLatestEpoch()
    {
        var saved = Entry();
        var running = new TrialLifecycle { Status = TrialStatus.Running, Attempts = 2, Failures = 1, Worker = "silo-b/cpu", WorkerIncarnation = "7", DispatchedAt = Dispatched };

        saved.CatchUp(new TrialSnapshot { Lifecycle = running, Epochs = [TestEpochs.Validated(3, 0.8)] }, SweepMetric.Accuracy);

        Assert.Same(running, saved.Lifecycle);
        Assert.Equal((3, 0.8), (saved.LastEpoch, saved.LastMetric));
    }

    [Fact]
    public void CatchingUpWithAnOutcomeReadsItsSelectionMetric()
    {
        var saved = Entry();
        var outcome = new TrialOutcome { Accuracy = 0.95, ValidationAccuracy = 0.9, EpochsRun = 4 };

        saved.CatchUp(new TrialSnapshot { Lifecycle = new TrialLifecycle { Status = TrialStatus.Completed, Attempts = 1, Outcome = outcome } }, SweepMetric.Accuracy);

        Assert.Equal(TrialStatus.Completed, saved.Status);
        Assert.Equal((4, 0.9), (saved.LastEpoch, saved.LastMetric));
        Assert.Equal(4, saved.ToResult().Epochs);
        Assert.Same(outcome, saved.ToResult().Outcome);
    }

    private static TrialState Entry() => new() { Definition = new TrialDefinition { TrialId = "t000", Kind = TrialKind.Student } };
}
