using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Augmentation;

/// <summary>
/// Cutout (DeVries and Taylor, 2017): with probability p a square of fixed side, centred uniformly over the crop and
/// clipped at its borders, is filled with the image's own per-channel mean. The mean keeps the fill neutral in every
/// value range (uint8 0-255 or float [-1, 1]); for integer batches it is rounded to the nearest value.
/// </summary>
public sealed class Cutout : IBatchAugmentation
{
    private readonly double probability;
    private readonly double side;

    /// <param name="probability">chance that a sample is cut</param>
    /// <param name="side">side of the square as a fraction of the crop, in (0, 1]</param>
    public Cutout(double probability, double side)
    {
        if (!double.IsFinite(side) || side is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(side), side, "side must be a fraction of the crop in (0, 1]");
        }
        this.probability = BatchBoxes.RequireProbability(probability);
        this.side = side;
    }

    public Tensor Apply(Tensor images, Generator generator) =>
        BatchBoxes.ReplaceBoxes(images, generator, probability, (drawUniform, size) =>
        {
            var centreX = drawUniform();
            var centreY = drawUniform();
            return BatchBoxes.Squares(centreX, centreY, torch.full_like(centreX, side), size);
        }, ChannelMeans);

    private static Tensor ChannelMeans(Tensor images)
    {
        var values = images.is_floating_point() ? images : images.to_type(ScalarType.Float32);
        var means = values.mean([2, 3], keepdim: true);
        return (images.is_floating_point() ? means : means.round_()).to_type(images.dtype);
    }
}
