using System.Globalization;
using FaceKdGrid.ClientLibrary.Output;
using FaceKdGrid.Grains.Sweeps;

namespace FaceKdGrid.Client.Output;

/// <summary>The results table as CSV (RFC 4180 quoting) or as a Markdown table with a summary.</summary>
public static class ResultsText
{
    public static void WriteCsv(SweepResults results, TextWriter writer)
    {
        var withAgreement = ResultRow.AnyAgreement(results.Trials);
        writer.WriteLine(string.Join(',', ResultRow.Header(withAgreement).Select(Quote)));
        foreach (var trial in results.Trials)
        {
            writer.WriteLine(string.Join(',', ResultRow.Of(trial, results, withAgreement).Cells.Select(Quote)));
        }
    }

    public static void WriteMarkdown(SweepResults results, TextWriter writer)
    {
        writer.WriteLine($"## Sweep {results.SweepId} ({ResultRow.StatusName(results.Status)})");
        writer.WriteLine();
        writer.WriteLine($"Teacher: {results.Teacher.Params?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} parameters, accuracy {results.Teacher.Accuracy?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "?"}");
        writer.WriteLine();
        var withAgreement = ResultRow.AnyAgreement(results.Trials);
        var header = ResultRow.Header(withAgreement);
        writer.WriteLine($"| {string.Join(" | ", header)} |");
        writer.WriteLine($"|{string.Concat(header.Select(_ => " --- |"))}");
        foreach (var trial in results.Trials)
        {
            writer.WriteLine($"| {string.Join(" | ", ResultRow.Of(trial, results, withAgreement).Cells.Select(cell => cell.Replace("|", "\\|", StringComparison.Ordinal)))} |");
        }
        writer.WriteLine();
        writer.WriteLine("Best per ratio (chosen on the validation pairs; test-pair mean ± std over seeds): " + string.Join(", ", results.BestPerRatio.Select(best =>
            string.Create(CultureInfo.InvariantCulture, $"{best.CompressionRatio:G6}x → {best.TrialId} {best.Metric:0.0000}±{best.MetricStd:0.0000} ({best.Seeds} seeds{(best.StoppedEarly ? ", stopped early" : "")})"))));
        writer.WriteLine();
        writer.WriteLine($"Pareto front: {string.Join(", ", results.Pareto.Select(point => point.TrialId))}");
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
}
