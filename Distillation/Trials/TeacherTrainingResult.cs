using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Training;

namespace FaceKdGrid.Distillation.Trials;

/// <summary>A trained teacher, its verification results on held-out identities — on the validation pairs (what
/// selection reads) and on the test pairs (report only; also the same network's before training) — its
/// multiply-adds per image, and how training went.</summary>
public sealed record TeacherTrainingResult(TeacherModel Teacher, VerificationResult Untrained, VerificationResult FinalValidation,
    VerificationResult Final, long MultiplyAdds, TrainingOutcome Outcome);
