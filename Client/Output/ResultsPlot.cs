using System.Globalization;
using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using ScottPlot;

namespace FaceKdGrid.Client.Output;

/// <summary>
/// The sweep's metric on the test pairs against the requested compression ratio (log scale) as a PNG: a point per
/// configuration with error bars of ±1 std across its seeds, one line per setting of the other varying keys, the
/// Pareto front circled, the teacher dashed, and the same students untrained as the reference below.
/// </summary>
public static class ResultsPlot
{
    public static void Save(SweepResults results, string path)
    {
        ArgumentNullException.ThrowIfNull(results);
        var plot = new Plot();
        var metricName = MetricName(results);
        var groups = results.Groups;
        // Ratios are drawn at log10(ratio): ratios grow geometrically (4, 8, 16, ...).
        static double X(double ratio) => Math.Log10(ratio);
        var varying = SearchKeys.All
            .Where(key => key != SearchKeys.CompressionRatio && key != SearchKeys.Seed && groups.Select(group => group.Parameters.Text(key)).Distinct().Count() > 1)
            .ToList();
        foreach (var line in groups.GroupBy(group => LineName(group.Parameters, varying)).OrderBy(line => line.Key, StringComparer.Ordinal))
        {
            var points = line.OrderBy(group => group.CompressionRatio).ToArray();
            var xs = points.Select(group => X(group.CompressionRatio)).ToArray();
            var ys = points.Select(group => group.Reported(results.Metric).Mean).ToArray();
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = line.Key;
            scatter.MarkerSize = 7;
            var bars = plot.Add.ErrorBar(xs, ys, points.Select(group => group.Reported(results.Metric).Std).ToArray());
            bars.Color = scatter.Color;
        }

        var front = results.Pareto
            .Select(point => groups.FirstOrDefault(group => group.GroupId == point.TrialId))
            .OfType<SeedGroup>()
            .OrderBy(group => group.CompressionRatio)
            .ToArray();
        if (front.Length > 0)
        {
            var pareto = plot.Add.Scatter(
                front.Select(group => X(group.CompressionRatio)).ToArray(),
                front.Select(group => group.Reported(results.Metric).Mean).ToArray());
            pareto.LegendText = "Pareto front (chosen on validation pairs)";
            pareto.MarkerShape = MarkerShape.OpenCircle;
            pareto.MarkerSize = 16;
            pareto.LineWidth = 1;
            pareto.LinePattern = LinePattern.Dotted;
            pareto.Color = Colors.Black;
        }
        if (results.Metric == SweepMetric.Accuracy && groups.Count > 0)
        {
            // The same students untrained on the same pairs: the honest reference for what distillation added.
            var untrained = groups
                .GroupBy(group => group.CompressionRatio)
                .OrderBy(point => point.Key)
                .Select(point => (Ratio: point.Key, Accuracy: point.Average(group => group.UntrainedAccuracy.Mean)))
                .ToArray();
            var reference = plot.Add.Scatter(untrained.Select(point => X(point.Ratio)).ToArray(), untrained.Select(point => point.Accuracy).ToArray());
            reference.LegendText = "same students, untrained";
            reference.MarkerShape = MarkerShape.Cross;
            reference.MarkerSize = 9;
            reference.LinePattern = LinePattern.Dashed;
            reference.Color = Colors.Gray;
        }
        if (results.Metric == SweepMetric.Accuracy && results.Teacher.Accuracy is { } teacherAccuracy)
        {
            var teacher = plot.Add.HorizontalLine(teacherAccuracy);
            teacher.LegendText = "teacher";
            teacher.LinePattern = LinePattern.Dashed;
            teacher.Color = Colors.Gray;
        }
        var ratios = groups.Select(group => group.CompressionRatio).Distinct().Order().ToArray();
        if (ratios.Length > 0)
        {
            plot.Axes.Bottom.SetTicks(ratios.Select(X).ToArray(), ratios.Select(ratio => ratio.ToString("G4", CultureInfo.InvariantCulture)).ToArray());
        }
        var seeds = groups.Count == 0 ? 0 : groups.Max(group => group.TrialIds.Count);
        plot.Title($"{results.SweepId}: {metricName} on test pairs vs. compression ratio" + (seeds > 1 ? " (mean ± std over seeds)" : ""));
        plot.XLabel("compression ratio (teacher params / student params), log scale");
        plot.YLabel(metricName);
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 900, 560);
    }

    /// <summary>The metric as tables name it: accuracy, or TAR with the FAR it is read at.</summary>
    public static string MetricName(SweepResults results) =>
        results.Metric == SweepMetric.Accuracy ? "accuracy" : LfwProtocol.TarName(results.Groups.FirstOrDefault()?.Far ?? double.NaN);

    /// <summary>A line's legend: the values of the varying keys, e.g. <c>aug.method=cutout, aug.strength=0.5</c>.</summary>
    private static string LineName(TrialParameters parameters, IReadOnlyList<SearchKey> varying) =>
        varying.Count == 0 ? "students" : string.Join(", ", varying.Select(key => $"{key.Name}={parameters.Text(key)}"));
}
