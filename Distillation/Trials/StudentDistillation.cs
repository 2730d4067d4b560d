using System.Globalization;
using FaceKdGrid.Distillation.Augmentation;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Training;
using TorchSharp;

namespace FaceKdGrid.Distillation.Trials;

/// <summary>
/// One student trial of unlabeled distillation: picks the student for the compression ratio, measures it
/// untrained, trains it against the frozen teacher on the augmented unlabeled pool, and measures it again on
/// the same held-out pairs (and its agreement with the teacher on the same agreement faces, when given).
/// </summary>
public static class StudentDistillation
{
    public static async Task<DistillationResult> RunAsync(DistillationSettings settings, TeacherModel teacher, DistillationData data,
        TrialContext context, TrainingCheckpoint? resumeFrom = null, CancellationToken cancellationToken = default)
    {
        settings.Validate();
        data.Validate();
        if (teacher.Network.InputSize != data.ImageSize && !teacher.Network.AcceptsAnyInputSize)
        {
            throw new ArgumentException($"the teacher takes {teacher.Network.InputSize} px crops but the data is {data.ImageSize} px", nameof(data));
        }
        var training = settings.Training;
        var choice = StudentCatalog.Choose(teacher.Parameters, settings.CompressionRatio, data.ImageSize, settings.StudentEmbeddingSize);

        var (student, projection) = TorchRuntime.Seeded(training.Seed, () =>
            (new MobileFaceNet(choice.Config), new ProjectionHead(settings.StudentEmbeddingSize, teacher.Network.EmbeddingSize)));
        using var ownedStudent = student;
        using var ownedProjection = projection;
        student.to(context.Device);
        projection.to(context.Device);
        var verifier = new EpochVerifier(student, data.Validation, data.Evaluation, context);
        var untrained = verifier.MeasureTest();
        // The frozen teacher's embeddings serve both comparisons.
        using var teacherEmbeddings = data.AgreementFaces is { } agreementFaces
            ? FaceEmbeddings.Compute(teacher.Network, agreementFaces, context.Device, context.EvaluationBatchSize)
            : null;
        EmbeddingAgreementResult? AgreementWithTeacher() => teacherEmbeddings is null || data.AgreementFaces is not { } faces
            ? null
            : EmbeddingAgreement.Compare(teacherEmbeddings, student, faces, context.Device, context.EvaluationBatchSize);
        var untrainedAgreement = AgreementWithTeacher();

        using var pool = new DeviceShards(data.PoolShards, context.Device);
        var poolSize = data.PoolShards.Sum(s => s.Count);
        using var prototypes = settings.Loss.NeedsPrototypes
            ? PrototypeBank.For(teacher, pool.Shards, data.DatasetId, settings.PrototypeCount > 0 ? settings.PrototypeCount : PrototypeBank.DefaultCount(poolSize),
                training.Seed, context.TeacherOutputs, context.Device, context.EvaluationBatchSize)
            : null;
        using var loss = new KdObjective(settings.Loss, prototypes, teacher.Network.EmbeddingSize);
        loss.to(context.Device);
        var augmentation = AugmentationFactory.Create(settings.Augmentation);
        using var batches = new FaceSetBatchSource(pool.Shards, training.BatchSize, training.Seed, context.Device, augmentation.Apply);
        var targets = TeacherTargets(teacher, batches, data.DatasetId, settings, context);
        using var ownedTargets = targets as IDisposable;

        var properties = new Dictionary<string, string>
        {
            ["kind"] = "student",
            ["teacher"] = teacher.Id,
            ["dataset"] = data.DatasetId,
            ["student"] = choice.Config.ToString(),
            ["augmentation"] = settings.Augmentation.Key,
            ["seed"] = training.Seed.ToString(CultureInfo.InvariantCulture),
        };
        var trainer = new Trainer(new DistillationObjective(student, projection, targets, loss), batches, training,
            verifier.Validate, context.Callbacks, properties, context.Logger);
        var outcome = await trainer.RunAsync(resumeFrom, cancellationToken);
        var (finalValidation, final) = verifier.MeasureFinal();
        return new DistillationResult(choice, untrained, finalValidation, final, outcome, targets.ForwardPasses, untrainedAgreement, AgreementWithTeacher());
    }

    private static ITeacherTargets TeacherTargets(TeacherModel teacher, FaceSetBatchSource batches, string datasetId,
        DistillationSettings settings, TrialContext context)
    {
        if (context.TeacherOutputs is null)
        {
            return new LiveTeacherTargets(teacher.Network);
        }
        var training = settings.Training;
        TeacherCacheKey KeyOf(int epoch, int shard) =>
            TeacherCacheKey.ForBatches(teacher.Id, datasetId, settings.Augmentation.Key, training.Seed, training.BatchSize, epoch, shard);
        return new CachedTeacherTargets(teacher.Network, batches, context.TeacherOutputs, KeyOf);
    }
}
