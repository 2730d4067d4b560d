using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Training;

namespace FaceKdGrid.Distillation.Trials;

/// <summary>
/// A student trial's result: which student the compression ratio chose, the same student untrained on the test
/// pairs (the honest reference), the trained student on the validation pairs (what selection reads) and on the test
/// pairs (report only), how training went, how many teacher forward passes
/// (batches) this trial ran itself (0 when every teacher output came from the shared cache) and how many cache entries
/// it read instead (<see cref="Teaching.TeacherUsage"/>), and, when the data has agreement faces, how closely the student
/// arranges them like the teacher untrained and trained.
/// </summary>
public sealed record DistillationResult(StudentChoice Student, VerificationResult Untrained, VerificationResult FinalValidation,
    VerificationResult Final, TrainingOutcome Outcome,
    int TeacherForwardPasses, int TeacherCacheHits, EmbeddingAgreementResult? UntrainedAgreement, EmbeddingAgreementResult? FinalAgreement);
