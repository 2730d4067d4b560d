using System.Globalization;
using FaceKdGrid.Grains.Results;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Results;

public sealed class SweepAggregationTests
{
    // Validation accuracy decides; test accuracy (here validation + 0.01) is what is reported.
    private static readonly TrialResult[] Trials =
    [
        Row("t000", ratio: 4, TrialStatus.Completed, studentParams: 250_000, validation: 0.91),
        Row("t001", ratio: 4, TrialStatus.Completed, studentParams: 250_000, validation: 0.93),
        Row("t002", ratio: 8, TrialStatus.Stopped, studentParams: 120_000, validation: 0.88),
        Row("t003", ratio: 8, TrialStatus.Completed, studentParams: 120_000, validation: 0.86),
        Row("t004", ratio: 16, TrialStatus.Completed, studentParams: 60_000, validation: 0.89),
        Row("t005", ratio: 16, TrialStatus.Failed, studentParams: 60_000, validation: 0.99),
        Row("t006", ratio: 2, TrialStatus.Completed, studentParams: 500_000, validation: 0.92),
    ];

    [Fact]
    public void BestPerRatioChoosesOnValidationReportsTestAndPrefersTrialsThatFinished()
    {
        var best = SweepAggregation.BestPerRatio(SweepAggregation.Groups(Trials, SweepMetric.Accuracy), SweepMetric.Accuracy, OptimisationMode.Max);

        Assert.Equal([2.0, 4.0, 8.0, 16.0], best.Select(entry => entry.CompressionRatio));
        // At 8x the stopped t002 scored higher at its last rung, but t003 ran to the end.
        Assert.Equal(["t006", "t001", "t003", "t004"], best.Select(entry => entry.TrialId));
        Assert.Equal(0.93, best[1].SelectionMetric, 12);
        Assert.Equal(0.94, best[1].Metric, 12);
        Assert.All(best, entry => Assert.False(entry.StoppedEarly));
    }

    [Fact]
    public void AStoppedTrialIsChosenOnlyWhenNoneFinishedAndSaysSo()
    {
        var onlyStopped = Trials.Where(trial => trial.TrialId != "t003").ToList();

        var best = SweepAggregation.BestPerRatio(SweepAggregation.Groups(onlyStopped, SweepMetric.Accuracy), SweepMetric.Accuracy, OptimisationMode.Max);

        Assert.Equal(("t002", true), (best[2].TrialId, best[2].StoppedEarly));
    }

    [Fact]
    public void ParetoFrontKeepsOnlyUndominatedConfigurationsSmallestFirst()
    {
        var front = SweepAggregation.ParetoFront(SweepAggregation.Groups(Trials, SweepMetric.Accuracy), SweepMetric.Accuracy, OptimisationMode.Max);

        // t002 (120k, 0.88) is dominated by t004 (60k, 0.89); t006 (500k, 0.92) by t001 (250k, 0.93); t005 failed.
        Assert.Equal(["t004", "t001"], front.Select(point => point.TrialId));
        Assert.Equal([60_000L, 250_000L], front.Select(point => point.StudentParams));
    }

    [Fact]
    public void TheSweepMetricAndModeDecide()
    {
        var byTar = Trials.Select(trial => trial with { Lifecycle = trial.Lifecycle with { Outcome = trial.Outcome! with { ValidationTar = 1 - trial.Outcome.ValidationAccuracy, Tar = 0.5 } } }).ToList();

        var best = SweepAggregation.BestPerRatio(SweepAggregation.Groups(byTar, SweepMetric.Tar), SweepMetric.Tar, OptimisationMode.Min);

        // The lowest validation TAR (1 − accuracy) wins in min mode; the test TAR is reported.
        Assert.Equal(["t006", "t001", "t003", "t004"], best.Select(entry => entry.TrialId));
        Assert.Equal(1 - 0.93, best[1].SelectionMetric, 12);
        Assert.Equal(0.5, best[1].Metric, 12);
    }

    [Fact]
    public void TrialsThatDifferOnlyInSeedFormOneGroupWithTheSpreadAcrossSeeds()
    {
        TrialResult Seeded(string id, double ratio, int seed, double validation) =>
            Row(id, ratio, TrialStatus.Completed, 100_000, validation) with
            {
                Parameters = TrialParameters.Defaults.With(SearchKeys.CompressionRatio, ratio.ToString(CultureInfo.InvariantCulture))
                    .With(SearchKeys.Seed, seed.ToString(CultureInfo.InvariantCulture)),
            };
        var trials = new[] { Seeded("t000", 4, 0, 0.80), Seeded("t001", 8, 0, 0.70), Seeded("t002", 4, 1, 0.90), Seeded("t003", 8, 1, 0.74), Seeded("t004", 4, 2, 0.85) };

        var groups = SweepAggregation.Groups(trials, SweepMetric.Accuracy);

        Assert.Equal(["t000", "t001"], groups.Select(group => group.GroupId));
        Assert.Equal(["t000", "t002", "t004"], groups[0].TrialIds);
        Assert.Equal(0.86, groups[0].Accuracy.Mean, 12);
        Assert.Equal(0.05, groups[0].Accuracy.Std, 12);  // sample std of 0.81, 0.91, 0.86
        Assert.Equal(3, groups[0].Accuracy.Count);
        var best = SweepAggregation.BestPerRatio(groups, SweepMetric.Accuracy, OptimisationMode.Max);
        Assert.Equal((3, 0.05), (best[0].Seeds, Math.Round(best[0].MetricStd, 12)));
    }

    private static TrialResult Row(string id, double ratio, TrialStatus status, long studentParams, double validation) => new()
    {
        TrialId = id,
        Kind = TrialKind.Student,
        // A strength of its own per trial, so no two trials are one configuration.
        Parameters = TrialParameters.Defaults.With(SearchKeys.CompressionRatio, ratio.ToString(CultureInfo.InvariantCulture))
            .With(SearchKeys.AugStrength, (int.Parse(id[1..], CultureInfo.InvariantCulture) / 10.0).ToString(CultureInfo.InvariantCulture)),
        Lifecycle = new TrialLifecycle
        {
            Status = status,
            Outcome = new TrialOutcome { ValidationAccuracy = validation, Accuracy = validation + 0.01, StudentParams = studentParams, CompressionRatio = ratio },
        },
    };
}
