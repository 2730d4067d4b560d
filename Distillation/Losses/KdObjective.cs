using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Losses;

/// <summary>
/// The distillation objective a trial trains with, built from <see cref="KdLossSettings"/>: feature,
/// IndirectWeight x indirect, IndirectWeight x indirect + FeatureWeight x feature, or contrastive. Takes projected
/// student embeddings and teacher embeddings, both [B, D]. <see cref="KdLossKind.Supervised"/> has no KD objective.
/// </summary>
public sealed class KdObjective : nn.Module<Tensor, Tensor, KdLossTerms>
{
    private readonly FeatureKdLoss? feature;
    private readonly IndirectKdLoss? indirect;
    private readonly ContrastiveKdLoss? contrastive;

    /// <param name="settings">Which loss and its hyperparameters.</param>
    /// <param name="prototypes">[K, D] prototype bank; required by the indirect kinds, ignored by the others.</param>
    /// <param name="embeddingSize">D, the teacher's embedding size; required by <see cref="KdLossKind.Contrastive"/> (its queue), ignored by the others.</param>
    public KdObjective(KdLossSettings settings, Tensor? prototypes = null, int? embeddingSize = null)
        : base(nameof(KdObjective))
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Kind is KdLossKind.Supervised)
        {
            throw new ArgumentException("the 'supervised' baseline trains with labels through an ArcFace head, not with a KD objective", nameof(settings));
        }
        Settings = settings;
        if (settings.NeedsPrototypes)
        {
            if (prototypes is null)
            {
                throw new ArgumentException(
                    $"the '{KdLossKindNames.ToName(settings.Kind)}' KD loss needs a prototype bank: the teacher's class centres, or k-means centres of teacher embeddings",
                    nameof(prototypes));
            }
            indirect = new IndirectKdLoss(prototypes, settings.Scale, settings.Temperature);
        }
        if (settings.Kind is KdLossKind.Feature or KdLossKind.IndirectFeature)
        {
            feature = new FeatureKdLoss();
        }
        if (settings.Kind is KdLossKind.Contrastive)
        {
            var dimension = embeddingSize
                ?? throw new ArgumentException("the 'contrastive' KD loss needs the teacher's embedding size for its queue", nameof(embeddingSize));
            contrastive = new ContrastiveKdLoss(dimension, settings.QueueSize, settings.ContrastiveTemperature);
        }
        RegisterComponents();
    }

    public KdLossSettings Settings { get; }

    /// <summary>
    /// Whether the objective keeps state from batch to batch (the contrastive queue), which a checkpoint must then hold
    /// for a run to resume exactly.
    /// </summary>
    public bool CarriesState => contrastive is not null;

    /// <summary>The terms are reported unweighted; only the total applies the weights.</summary>
    public override KdLossTerms forward(Tensor student, Tensor teacher)
    {
        var featureTerm = feature?.call(student, teacher);
        var indirectTerm = indirect?.call(student, teacher);
        var contrastiveTerm = contrastive?.call(student, teacher);
        var total = (featureTerm, indirectTerm, contrastiveTerm) switch
        {
            ({ } featureOnly, null, null) => featureOnly,
            (null, { } indirectOnly, null) => indirectOnly.mul(Settings.IndirectWeight),
            ({ } both, { } indirectPart, null) => indirectPart.mul(Settings.IndirectWeight).add_(both, alpha: Settings.FeatureWeight),
            (null, null, { } contrastiveOnly) => contrastiveOnly,
            _ => throw new InvalidOperationException("a KD objective is feature, indirect, indirect + feature or contrastive"),
        };
        return new KdLossTerms(total, featureTerm, indirectTerm, contrastiveTerm);
    }
}
