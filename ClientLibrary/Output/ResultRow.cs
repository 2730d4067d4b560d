using System.Globalization;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Sweeps;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.ClientLibrary.Output;

/// <summary>
/// One trial as the CSV and Markdown outputs show it: a column per search key (<see cref="SearchKeys.All"/>), the
/// measured columns (test pairs; <c>validation_metric</c> is the sweep's metric on the validation pairs), its
/// configuration's summary across seeds (<c>group</c>, <c>seeds</c>, mean and std over seeds), plus the
/// teacher-agreement columns when some trial measured agreement; invariant-culture text.
/// </summary>
public sealed record ResultRow(IReadOnlyList<string> Cells)
{
    private static readonly string[] AgreementHeader = ["teacher_agreement", "untrained_teacher_agreement", "teacher_neighbour_agreement"];

    public static IReadOnlyList<string> Header(bool withAgreement) =>
    [
        "id", "status", .. SearchKeys.All.Select(key => key.Name), "epochs_run", "student_params", "achieved_ratio",
        "accuracy", "accuracy_std", "untrained_accuracy", "tar", "far", "validation_metric",
        "group", "seeds", "accuracy_seed_mean", "accuracy_seed_std", "tar_seed_mean", "tar_seed_std",
        .. withAgreement ? AgreementHeader : [], "attempts", "reason",
    ];

    /// <summary>Whether any trial measured its agreement with the teacher (a sweep with <c>evaluation.agreement</c>).</summary>
    public static bool AnyAgreement(IEnumerable<TrialResult> trials) => trials.Any(trial => trial.Outcome?.TeacherAgreement is not null);

    public static ResultRow Of(TrialResult trial, SweepResults results, bool withAgreement)
    {
        var parameters = trial.Parameters ?? TrialParameters.Defaults;
        var outcome = trial.Outcome;
        var group = results.Groups.FirstOrDefault(candidate => candidate.TrialIds.Contains(trial.TrialId));
        return new ResultRow(
        [
            trial.TrialId,
            StatusName(trial.Status),
            .. SearchKeys.All.Select(parameters.Text),
            trial.Epochs.ToString(CultureInfo.InvariantCulture),
            outcome?.StudentParams.ToString(CultureInfo.InvariantCulture) ?? "",
            outcome is null ? "" : Number(outcome.CompressionRatio),
            Metric(outcome?.Accuracy),
            Metric(outcome?.AccuracyStd),
            Metric(outcome?.UntrainedAccuracy),
            Metric(outcome?.Tar),
            outcome is null ? "" : Number(outcome.Far),
            outcome is null ? "" : Metric(results.Metric.SelectionValueIn(outcome)),
            group?.GroupId ?? "",
            group?.TrialIds.Count.ToString(CultureInfo.InvariantCulture) ?? "",
            Metric(group?.Accuracy.Mean),
            Metric(group?.Accuracy.Std),
            Metric(group?.Tar.Mean),
            Metric(group?.Tar.Std),
            .. withAgreement ? AgreementCells(outcome) : [],
            trial.Lifecycle.Attempts.ToString(CultureInfo.InvariantCulture),
            trial.Lifecycle.Reason ?? "",
        ]);
    }

    private static string[] AgreementCells(TrialOutcome? outcome) =>
        [Metric(outcome?.TeacherAgreement), Metric(outcome?.UntrainedTeacherAgreement), Metric(outcome?.TeacherNeighbourAgreement)];

    public static string StatusName<T>(T status)
        where T : struct, Enum => status.ToString().ToLowerInvariant();

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Metric(double? value) => value?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "";
}
