using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Training;

namespace FaceKdGrid.Distillation.Trials;

/// <summary>A trained teacher, its verification result on held-out identities (and the same network's before
/// training), its multiply-adds per image, and how training went.</summary>
public sealed record TeacherTrainingResult(TeacherModel Teacher, VerificationResult Untrained, VerificationResult Evaluation, long MultiplyAdds, TrainingOutcome Outcome);
