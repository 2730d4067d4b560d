using FaceKdGrid.Distillation.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Augmentation;

/// <summary>
/// Face content replacement: with probability p a sample gets a facial region replaced by the same region of a
/// partner drawn from the rest of the batch, creating a "virtual identity" the teacher then labels. Fixed regions
/// are the <see cref="AlignedFaceLayout"/> boxes scaled about their centre; a random part is a square placed
/// uniformly over the face (see <see cref="AugmentationSettings"/> for how the strength sets both).
/// </summary>
public sealed class ContentReplacement : IBatchAugmentation
{
    // In the order of the first five FaceRegion values.
    private static readonly RegionBox[] FixedRegions =
    [
        AlignedFaceLayout.EyesBand,
        AlignedFaceLayout.Nose,
        AlignedFaceLayout.Mouth,
        AlignedFaceLayout.UpperHalf,
        AlignedFaceLayout.LowerHalf,
    ];

    private static readonly RegionBox FaceBox = Union(AlignedFaceLayout.EyesBand, AlignedFaceLayout.Nose, AlignedFaceLayout.Mouth);

    private readonly double probability;
    private readonly double regionScale;
    private readonly FaceRegion region;

    public ContentReplacement(double probability, double regionScale, FaceRegion region)
    {
        if (!double.IsFinite(regionScale) || regionScale <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(regionScale), regionScale, "region scale must be a positive number");
        }
        if (!Enum.IsDefined(region))
        {
            throw new ArgumentOutOfRangeException(nameof(region), region, "not a defined face region");
        }
        this.probability = BatchBoxes.RequireProbability(probability);
        this.regionScale = regionScale;
        this.region = region;
    }

    /// <summary>The pixel box a fixed region covers on a crop of <paramref name="size"/> at <paramref name="regionScale"/>.</summary>
    public static (int X0, int Y0, int X1, int Y1) FixedRegionPixels(FaceRegion region, double regionScale, int size)
    {
        if ((int)region < 0 || (int)region >= FixedRegions.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(region), region, "only the five fixed regions have one box");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return FixedRegions[(int)region].Scaled(regionScale).ToPixels(size);
    }

    public Tensor Apply(Tensor images, Generator generator) =>
        BatchBoxes.ReplaceBoxes(images, generator, probability, (drawUniform, size) =>
        {
            // Every draw happens on every call, whatever the region, so the generator advances the same way.
            var regionChoice = drawUniform();
            var centreX = drawUniform();
            var centreY = drawUniform();
            return region switch
            {
                FaceRegion.RandomPart => RandomPartBoxes(centreX, centreY, size),
                FaceRegion.AnyFixed => FixedBoxTable(size).index_select(0, regionChoice.mul(FixedRegions.Length).floor_().to_type(ScalarType.Int64)),
                _ => FixedBoxTable(size)[(int)region].expand(regionChoice.shape[0], 4),
            };
        });

    private Tensor FixedBoxTable(int size) =>
        torch.stack(FixedRegions.Select(box => BatchBoxes.FixedBox(box.Scaled(regionScale), size)).ToArray());

    private Tensor RandomPartBoxes(Tensor uniformX, Tensor uniformY, int size)
    {
        var centreX = uniformX.mul(FaceBox.Width).add_(FaceBox.Left);
        var centreY = uniformY.mul(FaceBox.Height).add_(FaceBox.Top);
        var side = torch.full_like(centreX, AugmentationSettings.RandomPartSide * regionScale);
        return BatchBoxes.Squares(centreX, centreY, side, size);
    }

    private static RegionBox Union(params RegionBox[] boxes) =>
        new(boxes.Min(b => b.Left), boxes.Min(b => b.Top), boxes.Max(b => b.Right), boxes.Max(b => b.Bottom));
}
