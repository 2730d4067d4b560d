using System.Globalization;
using FaceKdGrid.Grains.Sweeps;
using Spectre.Console;

namespace FaceKdGrid.Client.Output;

/// <summary>The results as console tables: the trials, then best per ratio and the Pareto front.</summary>
public static class ResultsTable
{
    public static void Write(SweepResults results, IAnsiConsole console)
    {
        var teacher = results.Teacher.Params is { } parameters
            ? $"teacher {parameters.ToString("N0", CultureInfo.InvariantCulture)} params, accuracy {results.Teacher.Accuracy?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "?"}"
            : "teacher not measured";
        var table = new Table().Title($"sweep {Markup.Escape(results.SweepId)}: {ResultRow.StatusName(results.Status)} ({Markup.Escape(teacher)})");
        foreach (var column in ResultRow.Header)
        {
            table.AddColumn(Markup.Escape(column));
        }
        foreach (var trial in results.Trials)
        {
            table.AddRow(ResultRow.Of(trial).Cells.Select(cell => new Text(cell)).ToArray());
        }
        console.Write(table);

        var best = new Table().Title("best per compression ratio").AddColumns("ratio", "trial", "metric");
        foreach (var entry in results.BestPerRatio)
        {
            best.AddRow(entry.CompressionRatio.ToString("G6", CultureInfo.InvariantCulture), entry.TrialId, entry.Metric.ToString("0.0000", CultureInfo.InvariantCulture));
        }
        console.Write(best);

        var pareto = new Table().Title("Pareto front (metric vs. student parameters)").AddColumns("trial", "student params", "metric");
        foreach (var point in results.Pareto)
        {
            pareto.AddRow(point.TrialId, point.StudentParams.ToString("N0", CultureInfo.InvariantCulture), point.Metric.ToString("0.0000", CultureInfo.InvariantCulture));
        }
        console.Write(pareto);
    }
}
