using System.Globalization;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;
using Spectre.Console;

namespace FaceKdGrid.Client.Output;

/// <summary>
/// The results as console tables: the trials (only the search-space keys that vary between them, so the table
/// stays readable at terminal width), then best per ratio and the Pareto front.
/// </summary>
public static class ResultsTable
{
    public static void Write(SweepResults results, IAnsiConsole console)
    {
        var teacher = results.Teacher.Params is { } teacherParams
            ? $"teacher {teacherParams.ToString("N0", CultureInfo.InvariantCulture)} params, accuracy {Metric(results.Teacher.Accuracy)}"
            : "teacher not measured";
        var varying = VaryingKeys(results.Trials);
        var table = new Table().Title($"sweep {Markup.Escape(results.SweepId)}: {ResultRow.StatusName(results.Status)} ({Markup.Escape(teacher)})");
        var withAgreement = ResultRow.AnyAgreement(results.Trials);
        table.AddColumns(["trial", "status", .. varying.Select(key => key.ColumnHeader), "student", "accuracy", "untrained", "TAR@1e-3",
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
                Metric(outcome?.TarAtFar1e3),
                .. withAgreement ? [Agreement(outcome)] : Array.Empty<string>(),
                trial.Epochs.ToString(CultureInfo.InvariantCulture),
            ]);
        }
        console.Write(table);

        var best = new Table().Title("best per compression ratio").AddColumns("ratio", "trial", "metric");
        foreach (var entry in results.BestPerRatio)
        {
            best.AddRow(entry.CompressionRatio.ToString("G6", CultureInfo.InvariantCulture), entry.TrialId, Metric(entry.Metric));
        }
        console.Write(best);

        var pareto = new Table().Title("Pareto front (metric vs. student parameters)").AddColumns("trial", "student params", "metric");
        foreach (var point in results.Pareto)
        {
            pareto.AddRow(point.TrialId, point.StudentParams.ToString("N0", CultureInfo.InvariantCulture), Metric(point.Metric));
        }
        console.Write(pareto);
    }

    /// <summary>Search-space keys whose values differ between trials (compression ratio always shows).</summary>
    private static IReadOnlyList<SearchKey> VaryingKeys(IReadOnlyList<TrialResult> trials)
    {
        var rows = trials.Select(t => t.Parameters ?? TrialParameters.Defaults).ToList();
        return SearchKeys.All
            .Where(key => key == SearchKeys.CompressionRatio || rows.Select(row => row.Text(key)).Distinct().Count() > 1)
            .ToList();
    }

    /// <summary>The trained student's agreement with its teacher, and in brackets the same student's untrained.</summary>
    private static string Agreement(TrialOutcome? outcome) =>
        outcome?.TeacherAgreement is null ? "" : $"{Metric(outcome.TeacherAgreement)} ({Metric(outcome.UntrainedTeacherAgreement)})";

    private static string Metric(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "";
}
