using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Training;

namespace FaceKdGrid.Distillation.Trials;

/// <summary>A trained teacher, its verification result on held-out identities, and how training went.</summary>
public sealed record TeacherTrainingResult(TeacherModel Teacher, VerificationResult Evaluation, TrainingOutcome Outcome);
