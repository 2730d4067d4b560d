using System.Globalization;
using FaceKdGrid.Grains.Results;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Results;

public sealed class SweepAggregationTests
{
    private static readonly TrialResult[] Trials =
    [
        Row("t000", ratio: 4, TrialStatus.Completed, studentParams: 250_000, accuracy: 0.91),
        Row("t001", ratio: 4, TrialStatus.Completed, studentParams: 250_000, accuracy: 0.93),
        Row("t002", ratio: 8, TrialStatus.Stopped, studentParams: 120_000, accuracy: 0.88),
        Row("t003", ratio: 8, TrialStatus.Completed, studentParams: 120_000, accuracy: 0.86),
        Row("t004", ratio: 16, TrialStatus.Completed, studentParams: 60_000, accuracy: 0.89),
        Row("t005", ratio: 16, TrialStatus.Failed, studentParams: 60_000, accuracy: 0.99),
        Row("t006", ratio: 2, TrialStatus.Completed, studentParams: 500_000, accuracy: 0.92),
    ];

    [Fact]
    public void BestPerRatioPicksTheBestTrialWithAResult()
    {
        var best = SweepAggregation.BestPerRatio(Trials, SweepMetric.Accuracy, OptimisationMode.Max);

        Assert.Equal([2.0, 4.0, 8.0, 16.0], best.Select(entry => entry.CompressionRatio));
        Assert.Equal(["t006", "t001", "t002", "t004"], best.Select(entry => entry.TrialId));
        Assert.Equal(0.93, best[1].Metric);
    }

    [Fact]
    public void ParetoFrontKeepsOnlyUndominatedTrialsSmallestFirst()
    {
        var front = SweepAggregation.ParetoFront(Trials, SweepMetric.Accuracy, OptimisationMode.Max);

        // t002 (120k, 0.88) is dominated by t004 (60k, 0.89); t006 (500k, 0.92) by t001 (250k, 0.93); t005 failed.
        Assert.Equal(["t004", "t001"], front.Select(point => point.TrialId));
        Assert.Equal([60_000L, 250_000L], front.Select(point => point.StudentParams));
    }

    [Fact]
    public void TheSweepMetricAndModeDecide()
    {
        var byTar = Trials.Select(trial => trial with { Outcome = trial.Outcome! with { TarAtFar1e3 = 1 - trial.Outcome.Accuracy } }).ToList();

        var best = SweepAggregation.BestPerRatio(byTar, SweepMetric.TarAtFar1e3, OptimisationMode.Min);

        Assert.Equal(["t006", "t001", "t002", "t004"], best.Select(entry => entry.TrialId));
        Assert.Equal(1 - 0.93, best[1].Metric, 12);
    }

    private static TrialResult Row(string id, double ratio, TrialStatus status, long studentParams, double accuracy) => new()
    {
        TrialId = id,
        Kind = TrialKind.Student,
        Status = status,
        Parameters = TrialParameters.Defaults.With(SearchKeys.CompressionRatio, ratio.ToString(CultureInfo.InvariantCulture)),
        Outcome = new TrialOutcome { Accuracy = accuracy, StudentParams = studentParams, CompressionRatio = ratio },
    };
}
