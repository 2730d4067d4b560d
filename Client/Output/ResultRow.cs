using System.Globalization;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Client.Output;

/// <summary>One trial as the table, CSV and Markdown outputs show it: fixed columns, invariant-culture text.</summary>
public sealed record ResultRow(IReadOnlyList<string> Cells)
{
    public static IReadOnlyList<string> Header { get; } =
    [
        "id", "status", "ratio", "aug.method", "aug.strength", "loss", "lr", "epochs", "student_params", "achieved_ratio",
        "accuracy", "accuracy_std", "untrained_accuracy", "tar_at_far_1e-3", "attempts", "error",
    ];

    public static ResultRow Of(TrialResult trial)
    {
        var parameters = trial.Parameters ?? new TrialParameters();
        var outcome = trial.Outcome;
        return new ResultRow(
        [
            trial.TrialId,
            StatusName(trial.Status),
            Number(parameters.CompressionRatio),
            SpecNames.AugmentationMethods.NameOf(parameters.AugMethod),
            Number(parameters.AugStrength),
            SpecNames.Losses.NameOf(parameters.Loss),
            Number(parameters.Lr),
            trial.Epochs.ToString(CultureInfo.InvariantCulture),
            outcome?.StudentParams.ToString(CultureInfo.InvariantCulture) ?? "",
            outcome is null ? "" : Number(outcome.CompressionRatio),
            Metric(outcome?.Accuracy),
            Metric(outcome?.AccuracyStd),
            Metric(outcome?.UntrainedAccuracy),
            Metric(outcome?.TarAtFar1e3),
            trial.Attempts.ToString(CultureInfo.InvariantCulture),
            trial.Error ?? "",
        ]);
    }

    public static string StatusName<T>(T status)
        where T : struct, Enum => status.ToString().ToLowerInvariant();

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Metric(double? value) => value?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "";
}
