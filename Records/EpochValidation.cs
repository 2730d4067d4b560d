namespace FaceKdGrid.Records;

/// <summary>
/// Verification metrics measured after an epoch on the validation pairs (LFW protocol), which early stopping and
/// model selection read; the test pairs are measured only at the end, for the report.
/// </summary>
/// <param name="Accuracy">Validation accuracy, mean over folds.</param>
/// <param name="AccuracyStd">Standard deviation of the per-fold validation accuracies.</param>
/// <param name="Tar">Validation true-accept rate at <paramref name="Far"/>.</param>
/// <param name="Far">The false-accept rate the TAR is reported at.</param>
public sealed record EpochValidation(double Accuracy, double AccuracyStd, double Tar, double Far);
