using System.Globalization;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using ScottPlot;

namespace FaceKdGrid.Client.Output;

/// <summary>
/// Accuracy (the sweep's metric) against the requested compression ratio as a PNG: one line per augmentation
/// (method and strength; trials sharing a point are averaged), the Pareto-front trials circled, the teacher dashed,
/// and the same students untrained as the reference below.
/// </summary>
public static class ResultsPlot
{
    public static void Save(SweepResults results, string path)
    {
        ArgumentNullException.ThrowIfNull(results);
        var plot = new Plot();
        var metricName = results.Metric == SweepMetric.Accuracy ? "accuracy" : "TAR @ FAR=1e-3";
        var measured = results.Trials.Where(trial => trial.Status.HasResult() && trial.Outcome is not null && trial.Parameters is not null).ToList();
        // A line per setting of the other keys that vary (seeds average into their point).
        var varying = SearchKeys.All
            .Where(key => key != SearchKeys.CompressionRatio && key != SearchKeys.Seed
                && measured.Select(trial => trial.Parameters!.Text(key)).Distinct().Count() > 1)
            .ToList();
        var lines = measured
            .GroupBy(trial => LineName(trial.Parameters!, varying))
            .OrderBy(group => group.Key, StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var points = line
                .GroupBy(trial => trial.Parameters!.CompressionRatio)
                .OrderBy(point => point.Key)
                .Select(point => (Ratio: point.Key, Metric: point.Average(trial => results.Metric.ValueIn(trial.Outcome!))))
                .ToArray();
            var scatter = plot.Add.Scatter(points.Select(point => point.Ratio).ToArray(), points.Select(point => point.Metric).ToArray());
            scatter.LegendText = line.Key;
            scatter.MarkerSize = 7;
        }

        var front = results.Pareto
            .Select(point => measured.FirstOrDefault(trial => trial.TrialId == point.TrialId))
            .OfType<TrialResult>()
            .OrderBy(trial => trial.Parameters!.CompressionRatio)
            .ToArray();
        if (front.Length > 0)
        {
            var pareto = plot.Add.Scatter(
                front.Select(trial => trial.Parameters!.CompressionRatio).ToArray(),
                front.Select(trial => results.Metric.ValueIn(trial.Outcome!)).ToArray());
            pareto.LegendText = "Pareto front";
            pareto.MarkerShape = MarkerShape.OpenCircle;
            pareto.MarkerSize = 16;
            pareto.LineWidth = 1;
            pareto.LinePattern = LinePattern.Dotted;
            pareto.Color = Colors.Black;
        }
        if (results.Metric == SweepMetric.Accuracy && measured.Count > 0)
        {
            // The same students untrained on the same pairs: the honest reference for what distillation added.
            var untrained = measured
                .GroupBy(trial => trial.Parameters!.CompressionRatio)
                .OrderBy(point => point.Key)
                .Select(point => (Ratio: point.Key, Accuracy: point.Average(trial => trial.Outcome!.UntrainedAccuracy)))
                .ToArray();
            var reference = plot.Add.Scatter(untrained.Select(point => point.Ratio).ToArray(), untrained.Select(point => point.Accuracy).ToArray());
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
        plot.Title($"{results.SweepId}: {metricName} vs. compression ratio");
        plot.XLabel("compression ratio (teacher params / student params)");
        plot.YLabel(metricName);
        plot.ShowLegend(Edge.Right);
        plot.SavePng(path, 900, 560);
    }

    /// <summary>A line's legend: the values of the varying keys, e.g. <c>aug.method=cutout, aug.strength=0.5</c>.</summary>
    private static string LineName(TrialParameters parameters, IReadOnlyList<SearchKey> varying) =>
        varying.Count == 0 ? "students" : string.Join(", ", varying.Select(key => $"{key.Name}={parameters.Text(key)}"));
}
