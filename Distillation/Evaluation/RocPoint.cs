namespace FaceKdGrid.Distillation.Evaluation;

/// <summary>One point of a verification ROC: the false-accept and true-accept rates at one threshold.</summary>
public readonly record struct RocPoint(double FalseAcceptRate, double TrueAcceptRate);
