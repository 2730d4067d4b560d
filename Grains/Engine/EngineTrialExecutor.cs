using FaceKdGrid.Distillation.Augmentation;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Distillation.Synth;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Training;
using FaceKdGrid.Distillation.Trials;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grains.Trials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static TorchSharp.torch;

namespace FaceKdGrid.Grains.Engine;

/// <summary>
/// Runs trials through the Distillation engine: the sweep's teacher trial trains the teacher with labels;
/// student trials distil a student of the requested compression from it on the unlabeled pool. Data comes
/// materialised once from the artifact store, teacher outputs from the cluster-wide cache, and every epoch
/// leaves a checkpoint a later attempt resumes from.
/// </summary>
public sealed class EngineTrialExecutor(
    IArtifactStore store,
    SweepDataProvider data,
    CacheClaims claims,
    IOptions<TrainingOptions> options,
    ILoggerFactory loggers) : ITrialExecutor
{
    public async Task<TrialOutcome> ExecuteAsync(TrialAssignment assignment, ITrialProgressSink progress, CancellationToken cancellationToken)
    {
        TorchRuntime.Initialise(options.Value.LibTorchDirectory, options.Value.CpuThreads);
        var device = TorchRuntime.ResolveDevice(assignment.Device);
        var logger = loggers.CreateLogger($"FaceKdGrid.Trial.{assignment.TrialKey}");
        var context = new TrialContext(device)
        {
            // The checkpoint first: it is what a later attempt needs; the event file only shows the curve.
            Callbacks = [new GridEpochCallback(store, assignment, progress), new TensorBoardLog(store, TrialArtifacts.EventFile(assignment.SweepId, assignment.TrialId))],
            TeacherOutputs = new ClusterTeacherOutputCache(claims, store, logger, cancellationToken),
            Logger = logger,
            FalseAcceptRate = assignment.Evaluation.Far,
        };
        var resumeFrom = await TrialResume.LoadAsync(store, assignment, logger, cancellationToken);
        var plan = await SynthFacePlanAsync(assignment, cancellationToken);
        var pairs = await PairsAsync(assignment, plan, device, cancellationToken);
        return assignment.Kind == TrialKind.Teacher
            ? await TrainTeacherAsync(assignment, plan, pairs, context, resumeFrom, cancellationToken)
            : await DistilAsync(assignment, plan, pairs, context, resumeFrom, cancellationToken);
    }

    private async Task<TrialOutcome> TrainTeacherAsync(TrialAssignment assignment, SynthFacePlan plan, EvaluationPairs pairs,
        TrialContext context, TrainingCheckpoint? resumeFrom, CancellationToken cancellationToken)
    {
        if (assignment.Teacher.Kind != TeacherKind.Train)
        {
            throw new InvalidOperationException($"a teacher trial runs only for teacher.kind train, not {assignment.Teacher.Kind}");
        }
        var labeledCount = plan.TeacherIdentities * plan.TeacherImagesPerIdentity;
        var labeled = (await data.FacesAsync(plan.TeacherSetId, () => plan.RenderTeacherSet(context.Device), labeledCount, cancellationToken))[0];
        var result = await TeacherTraining.RunAsync(TeacherTrainingMapping.SettingsOf(assignment.Teacher), labeled, pairs.Test, pairs.Validation,
            context, resumeFrom, cancellationToken);
        using var teacher = result.Teacher;
        var final = TrialArtifacts.FinalCheckpoint(assignment.SweepId, assignment.TrialId);
        await TrialArtifacts.WriteCheckpointAsync(store, final, result.Outcome.FinalState, cancellationToken);
        return new TrialOutcome
        {
            Accuracy = result.Final.Accuracy,
            AccuracyStd = result.Final.AccuracyStd,
            UntrainedAccuracy = result.Untrained.Accuracy,
            Tar = result.Final.Tar,
            Far = result.Final.Far,
            ValidationAccuracy = result.FinalValidation.Accuracy,
            ValidationTar = result.FinalValidation.Tar,
            StudentParams = teacher.Parameters,
            CompressionRatio = 1,
            MultiplyAdds = result.MultiplyAdds,
            EpochsRun = result.Outcome.EpochsCompleted,
            TeacherParams = teacher.Parameters,
            TeacherAccuracy = result.Final.Accuracy,
            CheckpointLocation = final,
            ResumedFromEpoch = result.Outcome.ResumedFromEpoch,
        };
    }

    private async Task<TrialOutcome> DistilAsync(TrialAssignment assignment, SynthFacePlan plan, EvaluationPairs pairs,
        TrialContext context, TrainingCheckpoint? resumeFrom, CancellationToken cancellationToken)
    {
        var parameters = assignment.Parameters ?? throw new InvalidOperationException($"student trial {assignment.TrialKey} has no parameters");
        var inputs = EngineSettingsMapping.InputsOf(parameters);
        var pool = plan with { PoolZipf = inputs.PoolZipf };
        using var teacher = await TeacherLoader.LoadAsync(assignment, plan.ImageSize, store, context.Device, cancellationToken);
        var poolId = assignment.Data.Dataset ?? pool.PoolId;
        // A rendered pool keeps its identity labels (stored once, shared by every trial): only the supervised baseline reads them.
        var shards = await data.FacesAsync(poolId, assignment.Data.Dataset is null ? () => pool.RenderLabeledPool(context.Device) : null,
            assignment.Data.ShardSize, cancellationToken);
        using var agreementFaces = await AgreementFacesAsync(assignment, cancellationToken);
        var result = await StudentDistillation.RunAsync(inputs.Settings, teacher,
            new DistillationData(shards, poolId, pairs.Test) { Validation = pairs.Validation, AgreementFaces = agreementFaces }, context, resumeFrom, cancellationToken);
        var final = TrialArtifacts.FinalCheckpoint(assignment.SweepId, assignment.TrialId);
        await TrialArtifacts.WriteCheckpointAsync(store, final, result.Outcome.FinalState, cancellationToken);
        // A trained teacher was measured by its own trial; a loaded one is measured here, on the same pairs.
        var teacherAccuracy = assignment.Teacher.Kind == TeacherKind.Train
            ? (double?)null
            : VerificationEvaluator.Evaluate(teacher.Network, pairs.Test, context.Device, context.EvaluationBatchSize, context.FalseAcceptRate).Accuracy;
        return new TrialOutcome
        {
            Accuracy = result.Final.Accuracy,
            AccuracyStd = result.Final.AccuracyStd,
            UntrainedAccuracy = result.Untrained.Accuracy,
            Tar = result.Final.Tar,
            Far = result.Final.Far,
            ValidationAccuracy = result.FinalValidation.Accuracy,
            ValidationTar = result.FinalValidation.Tar,
            StudentParams = result.Student.Parameters,
            CompressionRatio = result.Student.AchievedRatio,
            MultiplyAdds = result.Student.MultiplyAdds,
            EpochsRun = result.Outcome.EpochsCompleted,
            TeacherParams = teacher.Parameters,
            TeacherAccuracy = teacherAccuracy,
            CheckpointLocation = final,
            TeacherAgreement = Defined(result.FinalAgreement?.SimilarityCorrelation),
            UntrainedTeacherAgreement = Defined(result.UntrainedAgreement?.SimilarityCorrelation),
            TeacherNeighbourAgreement = result.FinalAgreement?.NeighbourAgreement,
            ResumedFromEpoch = result.Outcome.ResumedFromEpoch,
            TeacherForwardPasses = result.TeacherForwardPasses,
            TeacherCacheHits = result.TeacherCacheHits,
        };
    }

    /// <summary>
    /// A collapsed embedding (every face alike) has no similarity correlation (NaN): it is reported as absent, which
    /// JSON can carry, rather than as a number.
    /// </summary>
    private static double? Defined(double? value) => value is { } number && double.IsFinite(number) ? number : null;

    /// <summary>
    /// The ingested faces <c>evaluation.agreement</c> names, all shards as one set owned by the trial (labels ignored),
    /// or null when the spec names none.
    /// </summary>
    private async Task<FaceSet?> AgreementFacesAsync(TrialAssignment assignment, CancellationToken cancellationToken)
    {
        if (assignment.Evaluation.Agreement is not { } dataset)
        {
            return null;
        }
        var shards = await data.FacesAsync(dataset, null, assignment.Data.ShardSize, cancellationToken);
        return new FaceSet(cat(shards.Select(shard => shard.Images).ToList(), 0));
    }

    /// <summary>The SynthFace sets the sweep's sections describe (a stored pool sets only the image size).</summary>
    private async Task<SynthFacePlan> SynthFacePlanAsync(TrialAssignment assignment, CancellationToken cancellationToken)
    {
        var pool = assignment.Data.SynthFace ?? new SynthFacePoolSpec();
        var imageSize = pool.ImageSize;
        if (assignment.Data.Dataset is { } dataset)
        {
            var index = await data.FindAsync(dataset, cancellationToken)
                ?? throw new ArgumentException($"data.dataset: '{dataset}' is not in the artifact store; ingest it first with 'facekd data ingest'");
            imageSize = index.Shards[0].Manifest.ImageSize;
        }
        var pairs = assignment.Evaluation.SynthFace ?? new SynthFacePairsSpec();
        return new SynthFacePlan
        {
            ImageSize = imageSize,
            Difficulty = pool.Difficulty,
            Seed = pool.Seed,
            TeacherIdentities = assignment.Teacher.Identities,
            TeacherImagesPerIdentity = assignment.Teacher.ImagesPerIdentity,
            PoolIdentities = pool.Identities,
            PoolImages = pool.Images,
            EvaluationIdentities = pairs.Identities,
            ValidationIdentities = pairs.ValidationIdentities ?? pairs.Identities,
            EvaluationSeed = pairs.Seed,
            PairsPerFold = pairs.PairsPerFold,
            Folds = pairs.Folds,
        };
    }

    /// <summary>
    /// The test pairs, and the validation pairs on identities apart from them: SynthFace renders both; an ingested test
    /// set comes with an ingested validation set (the spec requires it).
    /// </summary>
    private async Task<EvaluationPairs> PairsAsync(TrialAssignment assignment, SynthFacePlan plan, Device device, CancellationToken cancellationToken) =>
        assignment.Evaluation.Dataset is { } dataset
            ? new EvaluationPairs(
                await data.PairsAsync(dataset, null, cancellationToken),
                await data.PairsAsync(assignment.Evaluation.ValidationDataset!, null, cancellationToken))
            : new EvaluationPairs(
                await data.PairsAsync(plan.EvaluationId, () => plan.RenderEvaluation(device), cancellationToken),
                await data.PairsAsync(plan.ValidationId, () => plan.RenderValidation(device), cancellationToken));

    private sealed record EvaluationPairs(VerificationSet Test, VerificationSet Validation);
}
