using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Augmentation;

/// <summary>
/// CutMix (Yun et al., 2019) without labels: with probability p a square box, of area drawn uniformly up to a
/// maximum and centred uniformly over the crop (clipped at its borders), is pasted from a partner drawn from the rest
/// of the batch at the same place. The teacher labels the mixed image, so no label mixing is needed.
/// </summary>
public sealed class CutMix : IBatchAugmentation
{
    private readonly double probability;
    private readonly double maxArea;

    /// <param name="probability">chance that a sample is mixed</param>
    /// <param name="maxArea">largest box area as a fraction of the crop, in [0, 1]</param>
    public CutMix(double probability, double maxArea)
    {
        if (!double.IsFinite(maxArea) || maxArea is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxArea), maxArea, "maximum area must be a fraction of the crop in [0, 1]");
        }
        this.probability = BatchBoxes.RequireProbability(probability);
        this.maxArea = maxArea;
    }

    public Tensor Apply(Tensor images, Generator generator) =>
        BatchBoxes.ReplaceBoxes(images, generator, probability, (drawUniform, size) =>
        {
            var area = drawUniform();
            var centreX = drawUniform();
            var centreY = drawUniform();
            return BatchBoxes.Squares(centreX, centreY, area.mul_(maxArea).sqrt_(), size);
        });
}
