using System.Globalization;
using FaceKdGrid.ClientLibrary.Output;
using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using Spectre.Console;

namespace FaceKdGrid.Client.Output;

/// <summary>
/// The results as console tables: the trials (only the search-space keys that vary between them, so the table
/// stays readable at terminal width); the configurations across seeds when some ran more than one; then best per
/// ratio and the Pareto front, chosen on the validation pairs and reported on the test pairs.
/// </summary>
public static class ResultsTable
{
    public static void Write(SweepResults results, IAnsiConsole console)
    {
        var teacher = results.Teacher.Params is { } teacherParams
            ? $"teacher {teacherParams.ToString("N0", CultureInfo.InvariantCulture)} params, accuracy {Metric(results.Teacher.Accuracy)}"
            : "teacher not measured";
        var varying = VaryingKeys(results.Trials.Select(trial => trial.Parameters ?? TrialParameters.Defaults).ToList());
        var tarName = TarName(results.Trials.Select(trial => trial.Outcome).OfType<TrialOutcome>().FirstOrDefault()?.Far);
        var table = new Table().Title($"sweep {Markup.Escape(results.SweepId)}: {ResultRow.StatusName(results.Status)} ({Markup.Escape(teacher)})");
        var withAgreement = ResultRow.AnyAgreement(results.Trials);
        table.AddColumns(["trial", "status", .. varying.Select(key => key.ColumnHeader), "student", "accuracy", "untrained", tarName, "val.",
            .. withAgreement ? ["agreement (untrained)"] : Array.Empty<string>(), "epochs"]);
        foreach (var trial in results.Trials)
        {
            var parameters = trial.Parameters ?? TrialParameters.Defaults;
            var outcome = trial.Outcome;
            table.AddRow([
                trial.TrialId,
                ResultRow.StatusName(trial.Status),
                .. varying.Select(parameters.Text),
                outcome is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{outcome.StudentParams / 1000.0:0.#}k ({outcome.CompressionRatio:0.0}x)"),
                outcome is null ? "" : $"{Metric(outcome.Accuracy)}±{Metric(outcome.AccuracyStd)}",
                Metric(outcome?.UntrainedAccuracy),
                Metric(outcome?.Tar),
                outcome is null ? "" : Metric(results.Metric.SelectionValueIn(outcome)),
                .. withAgreement ? [Agreement(outcome)] : Array.Empty<string>(),
                trial.Epochs.ToString(CultureInfo.InvariantCulture),
            ]);
        }
        console.Write(table);
        console.Write(new Markup($"[grey]accuracy: test pairs, ± over folds; val.: {Markup.Escape(ReportedName(results))} on the validation pairs (what selection reads)[/]{Environment.NewLine}"));

        if (results.Groups.Any(group => group.TrialIds.Count > 1))
        {
            WriteGroups(results, console, tarName);
        }

        var best = new Table().Title("best per compression ratio (chosen on validation pairs)").AddColumns("ratio", "trial", "seeds", ReportedName(results), "val.", "");
        foreach (var entry in results.BestPerRatio)
        {
            best.AddRow(entry.CompressionRatio.ToString("G6", CultureInfo.InvariantCulture), entry.TrialId, entry.Seeds.ToString(CultureInfo.InvariantCulture),
                Spread(entry.Metric, entry.MetricStd, entry.Seeds), Metric(entry.SelectionMetric), entry.StoppedEarly ? "stopped early" : "");
        }
        console.Write(best);

        var pareto = new Table().Title("Pareto front (metric vs. student parameters)").AddColumns("trial", "student params", "seeds", ReportedName(results), "val.");
        foreach (var point in results.Pareto)
        {
            pareto.AddRow(point.TrialId, point.StudentParams.ToString("N0", CultureInfo.InvariantCulture), point.Seeds.ToString(CultureInfo.InvariantCulture),
                Spread(point.Metric, point.MetricStd, point.Seeds), Metric(point.SelectionMetric));
        }
        console.Write(pareto);
    }

    private static void WriteGroups(SweepResults results, IAnsiConsole console, string tarName)
    {
        var varying = VaryingKeys(results.Groups.Select(group => group.Parameters).ToList()).Where(key => key != SearchKeys.Seed).ToList();
        var table = new Table().Title("across seeds (mean ± std over seeds, test pairs)")
            .AddColumns(["trials", "seeds", .. varying.Select(key => key.ColumnHeader), "accuracy", "untrained", tarName, "val."]);
        foreach (var group in results.Groups)
        {
            table.AddRow([
                string.Join(' ', group.TrialIds),
                group.TrialIds.Count.ToString(CultureInfo.InvariantCulture),
                .. varying.Select(group.Parameters.Text),
                Spread(group.Accuracy),
                Metric(group.UntrainedAccuracy.Mean),
                Spread(group.Tar),
                Metric(group.Selection.Mean),
            ]);
        }
        console.Write(table);
    }

    /// <summary>Search-space keys whose values differ between rows (compression ratio always shows).</summary>
    private static IReadOnlyList<SearchKey> VaryingKeys(IReadOnlyList<TrialParameters> rows) =>
        SearchKeys.All
            .Where(key => key == SearchKeys.CompressionRatio || rows.Select(row => row.Text(key)).Distinct().Count() > 1)
            .ToList();

    /// <summary>The sweep's metric as reported on the test pairs.</summary>
    private static string ReportedName(SweepResults results) => ResultsPlot.MetricName(results);

    private static string TarName(double? far) => far is { } value ? LfwProtocol.TarName(value) : "TAR";

    /// <summary>The trained student's agreement with its teacher, and in brackets the same student's untrained.</summary>
    private static string Agreement(TrialOutcome? outcome) =>
        outcome?.TeacherAgreement is null ? "" : $"{Metric(outcome.TeacherAgreement)} ({Metric(outcome.UntrainedTeacherAgreement)})";

    private static string Spread(MetricSummary summary) => Spread(summary.Mean, summary.Std, summary.Count);

    /// <summary>Mean ± std across seeds; a single seed has no spread to show.</summary>
    private static string Spread(double mean, double std, int count) => count > 1 ? $"{Metric(mean)}±{Metric(std)}" : Metric(mean);

    private static string Metric(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "";
}
