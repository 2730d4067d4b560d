using System.Globalization;
using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Distillation.Teaching;
using FaceKdGrid.Distillation.Training;
using TorchSharp;

namespace FaceKdGrid.Distillation.Trials;

/// <summary>Trains a teacher with identity labels (ArcFace) — the grid's teacher kind "train".</summary>
public static class TeacherTraining
{
    /// <param name="evaluation">The test pairs: measured before and after training, for the report only.</param>
    /// <param name="validation">Pairs on identities apart from the test pairs, measured after every epoch; null: the test pairs stand in.</param>
    public static async Task<TeacherTrainingResult> RunAsync(TeacherTrainingSettings settings, FaceSet labeled, VerificationSet evaluation,
        VerificationSet? validation, TrialContext context, TrainingCheckpoint? resumeFrom = null, CancellationToken cancellationToken = default)
    {
        settings.Training.Validate();
        if (!labeled.HasLabels)
        {
            throw new ArgumentException("teacher training needs labeled faces; the given set has no labels", nameof(labeled));
        }
        if (labeled.ImageSize != evaluation.ImageSize)
        {
            throw new ArgumentException($"training images are {labeled.ImageSize} px but evaluation images are {evaluation.ImageSize} px", nameof(evaluation));
        }
        if (validation is not null && labeled.ImageSize != validation.ImageSize)
        {
            throw new ArgumentException($"training images are {labeled.ImageSize} px but validation images are {validation.ImageSize} px", nameof(validation));
        }
        var randomness = new TrialRandomness(settings.Training.Seed);
        // The model draws its dropout masks from the stream while it trains, so the stream lives as long as training.
        using var modelStream = randomness.Model();
        var model = ModelFactory.Create(settings.Model, labeled.ImageSize, settings.EmbeddingSize, modelStream);
        using var head = new ArcFaceHead(settings.EmbeddingSize, labeled.IdentityCount, settings.ArcFaceScale, settings.ArcFaceMargin, modelStream);
        model.to(context.Device);
        head.to(context.Device);
        using var resident = new DeviceShards([labeled], context.Device);
        using var batches = new FaceSetBatchSource(resident.Shards, settings.Training.BatchSize, randomness, context.Device);
        var verifier = new EpochVerifier(model, validation, evaluation, context);
        var untrained = verifier.MeasureTest();
        var properties = new Dictionary<string, string>
        {
            ["kind"] = "teacher",
            [TeacherModel.ModelProperty] = settings.Model,
            [TeacherModel.InputSizeProperty] = labeled.ImageSize.ToString(CultureInfo.InvariantCulture),
            [TeacherModel.EmbeddingSizeProperty] = settings.EmbeddingSize.ToString(CultureInfo.InvariantCulture),
            [TeacherModel.ClassesProperty] = labeled.IdentityCount.ToString(CultureInfo.InvariantCulture),
        };
        var trainer = new Trainer(new ArcFaceObjective(model, head), batches, settings.Training, verifier.Validate, context.Callbacks, properties, context.Logger);
        var outcome = await trainer.RunAsync(resumeFrom, cancellationToken);

        var (finalValidation, final) = verifier.MeasureFinal();
        var teacher = new TeacherModel(model, head.ClassCentres().detach().clone().DetachFromDisposeScope(), TeacherModel.IdOf(outcome.FinalState));
        return new TeacherTrainingResult(teacher, untrained, finalValidation, final, ModelStatistics.CountMultiplyAdds(model), outcome);
    }
}
