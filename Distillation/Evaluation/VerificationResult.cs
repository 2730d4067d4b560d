namespace FaceKdGrid.Distillation.Evaluation;

/// <summary>
/// The LFW-protocol summary of one verification run.
/// </summary>
/// <param name="Accuracy">Mean over folds of the held-out fold's accuracy at the threshold chosen on the others.</param>
/// <param name="AccuracyStd">Population standard deviation of the per-fold accuracies (as numpy's std).</param>
/// <param name="Tar">True-accept rate over all pairs at a false-accept rate of at most <paramref name="Far"/> (see <see cref="LfwProtocol"/>).</param>
/// <param name="Far">The FAR the TAR is reported at: one the mismatched pairs support (see <see cref="LfwProtocol.SupportedFar"/>).</param>
/// <param name="Threshold">Mean of the per-fold best similarity thresholds (accept when similarity >= threshold).</param>
/// <param name="Roc">A bounded list of (FAR, TAR) points over all pairs, ordered by increasing FAR.</param>
public sealed record VerificationResult(
    double Accuracy,
    double AccuracyStd,
    double Tar,
    double Far,
    double Threshold,
    IReadOnlyList<RocPoint> Roc)
{
    /// <summary>The TAR's name in reports, e.g. "TAR@FAR=2e-2".</summary>
    public string TarName => LfwProtocol.TarName(Far);
}
