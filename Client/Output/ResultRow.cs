using System.Globalization;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Client.Output;

/// <summary>
/// One trial as the CSV and Markdown outputs show it: a column per search key (<see cref="SearchKeys.All"/>), the
/// measured columns, plus the teacher-agreement columns when some trial measured agreement; invariant-culture text.
/// </summary>
public sealed record ResultRow(IReadOnlyList<string> Cells)
{
    private static readonly string[] AgreementHeader = ["teacher_agreement", "untrained_teacher_agreement", "teacher_neighbour_agreement"];

    public static IReadOnlyList<string> Header(bool withAgreement) =>
    [
        "id", "status", .. SearchKeys.All.Select(key => key.Name), "epochs_run", "student_params", "achieved_ratio",
        "accuracy", "accuracy_std", "untrained_accuracy", "tar_at_far_1e-3", .. withAgreement ? AgreementHeader : [], "attempts", "error",
    ];

    /// <summary>Whether any trial measured its agreement with the teacher (a sweep with <c>evaluation.agreement</c>).</summary>
    public static bool AnyAgreement(IEnumerable<TrialResult> trials) => trials.Any(trial => trial.Outcome?.TeacherAgreement is not null);

    public static ResultRow Of(TrialResult trial, bool withAgreement)
    {
        var parameters = trial.Parameters ?? TrialParameters.Defaults;
        var outcome = trial.Outcome;
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
            Metric(outcome?.TarAtFar1e3),
            .. withAgreement ? AgreementCells(outcome) : [],
            trial.Attempts.ToString(CultureInfo.InvariantCulture),
            trial.Error ?? "",
        ]);
    }

    private static string[] AgreementCells(TrialOutcome? outcome) =>
        [Metric(outcome?.TeacherAgreement), Metric(outcome?.UntrainedTeacherAgreement), Metric(outcome?.TeacherNeighbourAgreement)];

    public static string StatusName<T>(T status)
        where T : struct, Enum => status.ToString().ToLowerInvariant();

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Metric(double? value) => value?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "";
}
