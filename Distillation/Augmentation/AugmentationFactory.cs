namespace FaceKdGrid.Distillation.Augmentation;

/// <summary>Turns a sweep point's <see cref="AugmentationSettings"/> into the batch augmentation it names.</summary>
public static class AugmentationFactory
{
    public static IBatchAugmentation Create(AugmentationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Method switch
        {
            AugmentationMethod.None => new NoAugmentation(),
            AugmentationMethod.ContentReplacement => new ContentReplacement(settings.Probability, settings.RegionScale, settings.Region),
            AugmentationMethod.Cutout => new Cutout(settings.Probability, settings.CutoutSide),
            AugmentationMethod.CutMix => new CutMix(settings.Probability, settings.CutMixMaxArea),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Method, "no augmentation is defined for this method"),
        };
    }
}
