using FaceKdGrid.Grains.Scheduling;
using FaceKdGrid.Grains.Specs;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Scheduling;

public sealed class AshaSchedulerTests
{
    private const string Ratio = "4";

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

        Assert.Equal(AshaVerdict.Continue, asha.OnEpoch(state, Ratio, "a", 1, 0.90));
        Assert.Equal(AshaVerdict.StopWeak, asha.OnEpoch(state, Ratio, "b", 1, 0.50));
        Assert.Equal(AshaVerdict.Continue, asha.OnEpoch(state, Ratio, "c", 1, 0.95));
        // Between milestones nothing is decided; a repeated report (a retried attempt) is not recorded twice.
        Assert.Equal(AshaVerdict.Continue, asha.OnEpoch(state, Ratio, "a", 1, 0.10));
        Assert.Equal(0.90, state.Brackets[Ratio][1]["a"]);
        Assert.Equal(AshaVerdict.Continue, asha.OnEpoch(state, Ratio, "c", 2, 0.96));
        Assert.Equal(AshaVerdict.StopWeak, asha.OnEpoch(state, Ratio, "a", 2, 0.91));
        Assert.Equal(AshaVerdict.StopAtMaxEpochs, asha.OnEpoch(state, Ratio, "c", 8, 0.99));
    }

    [Fact]
    public void MinModeKeepsTheSmallerMetrics()
    {
        var asha = new AshaScheduler(Halving, OptimisationMode.Min);
        var state = new AshaState();

        Assert.Equal(AshaVerdict.Continue, asha.OnEpoch(state, Ratio, "a", 1, 0.2));
        Assert.Equal(AshaVerdict.StopWeak, asha.OnEpoch(state, Ratio, "b", 1, 0.4));
        Assert.Equal(AshaVerdict.Continue, asha.OnEpoch(state, Ratio, "c", 1, 0.1));
    }

    [Fact]
    public void AReportPastSeveralMilestonesIsRecordedAtTheHighestOnly()
    {
        var asha = new AshaScheduler(Halving, OptimisationMode.Max);
        var state = new AshaState();

        asha.OnEpoch(state, Ratio, "a", 3, 0.7);

        Assert.True(state.Brackets[Ratio][2].ContainsKey("a"));
        Assert.False(state.Brackets[Ratio].ContainsKey(1));
    }

    [Fact]
    public void TrialsCompeteOnlyWithinTheirBracket()
    {
        var asha = new AshaScheduler(Halving, OptimisationMode.Max);
        var state = new AshaState();

        // The 16x student leads its own bracket; a weaker 4x student is not judged against it.
        Assert.Equal(AshaVerdict.Continue, asha.OnEpoch(state, "16", "small", 1, 0.95));
        Assert.Equal(AshaVerdict.Continue, asha.OnEpoch(state, "4", "large", 1, 0.60));
        Assert.Equal(AshaVerdict.StopWeak, asha.OnEpoch(state, "4", "weaker", 1, 0.55));
        Assert.Equal(["16", "4"], state.Brackets.Keys.Order());
    }

    [Fact]
    public void InvalidSettingsFailAtConstruction()
    {
        var error = Assert.Throws<ArgumentException>(() => new AshaScheduler(Halving with { ReductionFactor = 1 }, OptimisationMode.Max));
        Assert.Equal("spec", error.ParamName);
        Assert.Throws<ArgumentException>(() => new AshaScheduler(new SchedulerSpec(), OptimisationMode.Max));
    }
}
