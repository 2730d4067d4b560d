using FaceKdGrid.Grains.Scheduling;
using FaceKdGrid.Grains.Specs;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Scheduling;

public sealed class AshaSchedulerTests
{
    private static readonly SchedulerSpec Halving = new() { Kind = SchedulerKind.Asha, GracePeriod = 1, ReductionFactor = 2, MaxEpochs = 8 };

    [Fact]
    public void MilestonesGrowByTheReductionFactorBelowMaxEpochs()
    {
        Assert.Equal([1, 2, 4], new AshaScheduler(Halving, OptimisationMode.Max).Milestones);
        Assert.Equal([2, 8, 32], new AshaScheduler(Halving with { GracePeriod = 2, ReductionFactor = 4, MaxEpochs = 100 }, OptimisationMode.Max).Milestones);
    }

    [Fact]
    public void WeakerTrialsStopAtARungAndTheFirstAlwaysGoesOn()
    {
        var asha = new AshaScheduler(Halving, OptimisationMode.Max);
        var state = new AshaState();

        Assert.Equal(AshaVerdict.Continue, asha.OnEpoch(state, "a", 1, 0.90));
        Assert.Equal(AshaVerdict.StopWeak, asha.OnEpoch(state, "b", 1, 0.50));
        Assert.Equal(AshaVerdict.Continue, asha.OnEpoch(state, "c", 1, 0.95));
        // Between milestones nothing is decided; a repeated report (a retried attempt) is not recorded twice.
        Assert.Equal(AshaVerdict.Continue, asha.OnEpoch(state, "a", 1, 0.10));
        Assert.Equal(0.90, state.Rungs[1]["a"]);
        Assert.Equal(AshaVerdict.Continue, asha.OnEpoch(state, "c", 2, 0.96));
        Assert.Equal(AshaVerdict.StopWeak, asha.OnEpoch(state, "a", 2, 0.91));
        Assert.Equal(AshaVerdict.StopAtMaxEpochs, asha.OnEpoch(state, "c", 8, 0.99));
    }

    [Fact]
    public void MinModeKeepsTheSmallerMetrics()
    {
        var asha = new AshaScheduler(Halving, OptimisationMode.Min);
        var state = new AshaState();

        Assert.Equal(AshaVerdict.Continue, asha.OnEpoch(state, "a", 1, 0.2));
        Assert.Equal(AshaVerdict.StopWeak, asha.OnEpoch(state, "b", 1, 0.4));
        Assert.Equal(AshaVerdict.Continue, asha.OnEpoch(state, "c", 1, 0.1));
    }

    [Fact]
    public void AReportPastSeveralMilestonesIsRecordedAtTheHighestOnly()
    {
        var asha = new AshaScheduler(Halving, OptimisationMode.Max);
        var state = new AshaState();

        asha.OnEpoch(state, "a", 3, 0.7);

        Assert.True(state.Rungs[2].ContainsKey("a"));
        Assert.False(state.Rungs.ContainsKey(1));
    }

    [Fact]
    public void InvalidSettingsFailAtConstruction()
    {
        var error = Assert.Throws<ArgumentException>(() => new AshaScheduler(Halving with { ReductionFactor = 1 }, OptimisationMode.Max));
        Assert.Equal("spec", error.ParamName);
        Assert.Throws<ArgumentException>(() => new AshaScheduler(new SchedulerSpec(), OptimisationMode.Max));
    }
}
