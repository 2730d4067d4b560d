using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Models;
using FaceKdGrid.Records;

namespace FaceKdGrid.Distillation.Trials;

/// <summary>
/// Verification of a model being trained: after each epoch on the validation pairs (what early stopping and
/// selection read, reported to the trainer as an <see cref="EpochValidation"/>), and on the test pairs only
/// before and after training, for the report.
/// </summary>
internal sealed class EpochVerifier
{
    private readonly FaceEmbedder model;
    private readonly VerificationSet validation;
    private readonly VerificationSet test;
    private readonly TrialContext context;

    /// <param name="validation">Pairs on identities apart from the test pairs; null: the test pairs stand in (for callers of the engine that have none; the grid always gives them).</param>
    public EpochVerifier(FaceEmbedder model, VerificationSet? validation, VerificationSet test, TrialContext context)
    {
        this.model = model;
        this.validation = validation ?? test;
        this.test = test;
        this.context = context;
        // Refuse a FAR the pairs cannot support now, not after the first epoch.
        LfwProtocol.SupportedFar(ImpostorPairs(this.validation), context.FalseAcceptRate);
        LfwProtocol.SupportedFar(ImpostorPairs(test), context.FalseAcceptRate);
    }

    public VerificationResult? LastValidation { get; private set; }

    public VerificationResult MeasureTest() => Measure(test);

    /// <summary>The trained model on both pair sets: the last epoch's validation (measured now if none ran) and the test.</summary>
    public (VerificationResult Validation, VerificationResult Test) MeasureFinal()
    {
        var finalValidation = LastValidation ?? Measure(validation);
        return (finalValidation, ReferenceEquals(validation, test) ? finalValidation : MeasureTest());
    }

    public EpochValidation Validate()
    {
        var result = Measure(validation);
        LastValidation = result;
        return new EpochValidation(result.Accuracy, result.AccuracyStd, result.Tar, result.Far);
    }

    private VerificationResult Measure(VerificationSet pairs) =>
        VerificationEvaluator.Evaluate(model, pairs, context.Device, context.EvaluationBatchSize, context.FalseAcceptRate);

    private static int ImpostorPairs(VerificationSet pairs) => pairs.IsSame.Count(same => !same);
}
