namespace FaceKdGrid.Distillation.Training;

/// <summary>Verification metrics measured after an epoch (LFW protocol on held-out pairs).</summary>
public sealed record EpochEvaluation(double Accuracy, double AccuracyStd, double TarAtFar1e3);
