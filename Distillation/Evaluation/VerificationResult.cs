namespace FaceKdGrid.Distillation.Evaluation;

/// <summary>
/// The LFW-protocol summary of one verification run.
/// </summary>
/// <param name="Accuracy">Mean over folds of the held-out fold's accuracy at the threshold chosen on the others.</param>
/// <param name="AccuracyStd">Population standard deviation of the per-fold accuracies (as numpy's std).</param>
/// <param name="TarAtFar1e3">True-accept rate over all pairs at a false-accept rate of at most 1e-3 (see <see cref="LfwProtocol"/>).</param>
/// <param name="Threshold">Mean of the per-fold best similarity thresholds (accept when similarity >= threshold).</param>
/// <param name="Roc">A bounded list of (FAR, TAR) points over all pairs, ordered by increasing FAR.</param>
public sealed record VerificationResult(
    double Accuracy,
    double AccuracyStd,
    double TarAtFar1e3,
    double Threshold,
    IReadOnlyList<RocPoint> Roc);
