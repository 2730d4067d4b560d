using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Losses;

/// <summary>
/// The distillation objective a trial trains with, built from <see cref="KdLossSettings"/>: feature, indirect, or
/// indirect + FeatureWeight x feature. Takes projected student embeddings and teacher embeddings, both [B, D].
/// </summary>
public sealed class KdObjective : nn.Module<Tensor, Tensor, KdLossTerms>
{
    private readonly FeatureKdLoss? feature;
    private readonly IndirectKdLoss? indirect;

    /// <param name="settings">Which loss and its hyperparameters.</param>
    /// <param name="prototypes">[K, D] prototype bank; required by the indirect kinds, ignored by <see cref="KdLossKind.Feature"/>.</param>
    public KdObjective(KdLossSettings settings, Tensor? prototypes = null)
        : base(nameof(KdObjective))
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        if (settings.NeedsPrototypes)
        {
            if (prototypes is null)
            {
                throw new ArgumentException(
                    $"the '{KdLossKindNames.ToName(settings.Kind)}' KD loss needs a prototype bank: the teacher's class centres, or k-means centres of teacher embeddings",
                    nameof(prototypes));
            }
            indirect = new IndirectKdLoss(prototypes, settings.Temperature);
        }
        if (settings.Kind is KdLossKind.Feature or KdLossKind.IndirectFeature)
        {
            feature = new FeatureKdLoss();
        }
        RegisterComponents();
    }

    public KdLossSettings Settings { get; }

    public override KdLossTerms forward(Tensor student, Tensor teacher)
    {
        var featureTerm = feature?.call(student, teacher);
        var indirectTerm = indirect?.call(student, teacher);
        var total = (featureTerm, indirectTerm) switch
        {
            ({ } featureOnly, null) => featureOnly,
            (null, { } indirectOnly) => indirectOnly,
            ({ } both, { } indirectPart) => indirectPart.add(both, alpha: Settings.FeatureWeight),
            _ => throw new InvalidOperationException("a KD objective has at least one term"),
        };
        return new KdLossTerms(total, featureTerm, indirectTerm);
    }
}
