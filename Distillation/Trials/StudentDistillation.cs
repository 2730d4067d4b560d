using System.Globalization;
using FaceKdGrid.Distillation.Augmentation;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Training;
using TorchSharp;

namespace FaceKdGrid.Distillation.Trials;

/// <summary>
/// One student trial: picks the student for the compression ratio, measures it untrained, trains it against the
/// frozen teacher on the augmented unlabeled pool (or, for the <see cref="KdLossKind.Supervised"/> baseline, with the
/// pool's identity labels through an ArcFace head, the teacher only sizing the student), and measures it again on
/// the same held-out pairs (and its agreement with the teacher on the same agreement faces, when given).
/// </summary>
public static class StudentDistillation
{
    public static async Task<DistillationResult> RunAsync(DistillationSettings settings, TeacherModel teacher, DistillationData data,
        TrialContext context, TrainingCheckpoint? resumeFrom = null, CancellationToken cancellationToken = default)
    {
        settings.Validate();
        data.Validate();
        var supervised = settings.Loss.Kind is KdLossKind.Supervised;
        if (supervised)
        {
            RequireIdentityLabels(data);
        }
        else if (teacher.Network.InputSize != data.ImageSize && !teacher.Network.AcceptsAnyInputSize)
        {
            throw new ArgumentException($"the teacher takes {teacher.Network.InputSize} px crops but the data is {data.ImageSize} px", nameof(data));
        }
        var training = settings.Training;
        var choice = StudentCatalog.Choose(teacher.Parameters, settings.CompressionRatio, data.ImageSize, settings.StudentEmbeddingSize);

        var randomness = new TrialRandomness(training.Seed, settings.InitialisationSeed ?? training.Seed);
        // The head is drawn after the student from the same stream, so the supervised baseline starts from the very
        // student weights the distillation trials start from.
        using var modelStream = randomness.Model();
        using var student = new MobileFaceNet(choice.Config, modelStream);
        using torch.nn.Module head = supervised
            ? new ArcFaceHead(settings.StudentEmbeddingSize, data.PoolShards.Max(s => s.IdentityCount), ArcFaceHead.SmallSetScale, ArcFaceHead.SmallSetMargin, modelStream)
            : new ProjectionHead(settings.StudentEmbeddingSize, teacher.Network.EmbeddingSize, modelStream);
        student.to(context.Device);
        head.to(context.Device);
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
        var augmentation = AugmentationFactory.Create(settings.Augmentation);
        // Augmentations change images only, so a labeled sample keeps its own label: content replacement labels the
        // face with the sample's identity whatever region it received, and CutMix with the base image's.
        using var batches = new FaceSetBatchSource(pool.Shards, training.BatchSize, randomness, context.Device, augmentation.Apply);
        using var supervision = supervised ? null : new TeacherSupervision(settings, randomness, teacher, data, pool.Shards, batches, context);
        var objective = supervision is null
            ? new ArcFaceObjective(student, (ArcFaceHead)head)
            : supervision.Objective(student, (ProjectionHead)head);

        var properties = new Dictionary<string, string>
        {
            ["kind"] = "student",
            ["teacher"] = teacher.Id,
            ["dataset"] = data.DatasetId,
            ["student"] = choice.Config.ToString(),
            // The architecture as a model spec, so the student can be rebuilt from its checkpoint alone (e.g. to export it).
            [TeacherModel.ModelProperty] = ModelFactory.SpecOf(student),
            [TeacherModel.InputSizeProperty] = choice.Config.InputSize.ToString(CultureInfo.InvariantCulture),
            [TeacherModel.EmbeddingSizeProperty] = choice.Config.EmbeddingSize.ToString(CultureInfo.InvariantCulture),
            ["augmentation"] = settings.Augmentation.Key,
            ["seed"] = training.Seed.ToString(CultureInfo.InvariantCulture),
        };
        var trainer = new Trainer(objective, batches, training, verifier.Validate, context.Callbacks, properties, context.Logger);
        var outcome = await trainer.RunAsync(resumeFrom, cancellationToken);
        var (finalValidation, final) = verifier.MeasureFinal();
        return new DistillationResult(choice, untrained, finalValidation, final, outcome, supervision?.Usage.ForwardPasses ?? 0, supervision?.Usage.CacheHits ?? 0,
            untrainedAgreement, AgreementWithTeacher());
    }

    private static void RequireIdentityLabels(DistillationData data)
    {
        if (data.PoolShards.Any(shard => !shard.HasLabels))
        {
            throw new ArgumentException(
                $"loss 'supervised' needs a labeled pool; pool '{data.DatasetId}' has no identity labels (render a SynthFace pool with labels, or ingest a labeled source such as train.rec or an image folder per identity)",
                nameof(data));
        }
    }
}
