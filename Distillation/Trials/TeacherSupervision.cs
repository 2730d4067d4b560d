using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Trials;

/// <summary>
/// What a distillation trial learns from its teacher: the prototype bank (indirect kinds only), the KD objective, and
/// the teacher's embedding of every batch, live or through the shared teacher-output cache. The supervised baseline
/// has none of it.
/// </summary>
internal sealed class TeacherSupervision : IDisposable
{
    private readonly Tensor? prototypes;
    private readonly KdObjective loss;
    private readonly ITeacherTargets targets;

    public TeacherSupervision(DistillationSettings settings, TrialRandomness randomness, TeacherModel teacher, DistillationData data,
        IReadOnlyList<FaceSet> pool, FaceSetBatchSource batches, TrialContext context)
    {
        settings.Loss.RequireQueueBelowPool(pool.Sum(s => s.Count));
        prototypes = settings.Loss.NeedsPrototypes
            ? PrototypeBank.For(teacher, pool, data.DatasetId, settings.PrototypeCount > 0 ? settings.PrototypeCount : PrototypeBank.DefaultCount(pool.Sum(s => s.Count)),
                randomness.Prototypes, context.TeacherOutputs, context.Device, context.EvaluationBatchSize, Usage)
            : null;
        loss = new KdObjective(settings.Loss, prototypes, teacher.Network.EmbeddingSize);
        loss.to(context.Device);
        targets = Targets(teacher, batches, data.DatasetId, settings, randomness, context, Usage);
    }

    /// <summary>The teacher passes this trial ran itself (prototypes and targets) and the cache entries it read instead.</summary>
    public TeacherUsage Usage { get; } = new();

    public ITrainingObjective Objective(FaceEmbedder student, ProjectionHead projection) => new DistillationObjective(student, projection, targets, loss);

    public void Dispose()
    {
        (targets as IDisposable)?.Dispose();
        loss.Dispose();
        prototypes?.Dispose();
    }

    private static ITeacherTargets Targets(TeacherModel teacher, FaceSetBatchSource batches, string datasetId, DistillationSettings settings,
        TrialRandomness randomness, TrialContext context, TeacherUsage usage)
    {
        if (context.TeacherOutputs is null)
        {
            return new LiveTeacherTargets(teacher.Network, usage);
        }
        // The batches, and so the teacher's outputs for them, are functions of the data seed.
        TeacherCacheKey KeyOf(int epoch, int shard) =>
            TeacherCacheKey.ForBatches(teacher.Id, datasetId, settings.Augmentation.Key, randomness.Seed, settings.Training.BatchSize, epoch, shard);
        return new CachedTeacherTargets(teacher.Network, batches, context.TeacherOutputs, KeyOf, usage);
    }
}
