using FaceKdGrid.Distillation.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Augmentation;

/// <summary>
/// What the box augmentations share: the per-sample draws (on the CPU) and the replacement of one box in each sample
/// (<see cref="ReplaceBoxes"/>), pixel boxes [B, 4] = (x0, y0, x1, y1) as int64 with exclusive ends, and masks that
/// select those boxes on the batch's device.
/// </summary>
internal static class BatchBoxes
{
    /// <summary>
    /// A new batch with one box replaced in each sample drawn with <paramref name="probability"/>. The draws come in
    /// one fixed order, so a seed fixes every result: which samples are augmented, each one's partner (only when
    /// <paramref name="fill"/> is null), then the uniforms <paramref name="placeBoxes"/> draws to place the boxes.
    /// A box is taken from the same place in the sample's partner, or from <paramref name="fill"/> of the batch.
    /// </summary>
    /// <param name="placeBoxes">Given a function that draws [B] float64 uniforms in [0, 1) and the crop size, the
    /// [B, 4] pixel boxes.</param>
    public static Tensor ReplaceBoxes(Tensor images, Generator generator, double probability,
        Func<Func<Tensor>, int, Tensor> placeBoxes, Func<Tensor, Tensor>? fill = null)
    {
        Validate(images, generator);
        using var scope = torch.NewDisposeScope();
        var batch = images.shape[0];
        var size = (int)images.shape[2];
        var applied = DrawApplied(batch, probability, generator);
        var partners = fill is null ? DrawPartners(batch, generator) : null;
        var boxes = placeBoxes(() => DrawUniform(batch, generator), size);
        var mask = Mask(boxes, applied, size, images.device);
        var replacement = fill is null ? images.index_select(0, partners!.to(images.device)) : fill(images);
        return torch.where(mask, replacement, images).MoveToOuterDisposeScope();
    }

    public static void Validate(Tensor images, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(generator);
        if (images.dim() != 4 || images.shape[1] != 3 || images.shape[2] != images.shape[3] || images.shape[2] == 0)
        {
            throw new ArgumentException($"images must be a batch [B, 3, S, S]; got [{string.Join(", ", images.shape)}]", nameof(images));
        }
        if (generator.device.type != DeviceType.CPU)
        {
            throw new ArgumentException($"generator must be a CPU generator (augmentations draw on the CPU so results do not depend on the device); got {generator.device}", nameof(generator));
        }
    }

    public static double RequireProbability(double probability) =>
        double.IsFinite(probability) && probability is >= 0 and <= 1
            ? probability
            : throw new ArgumentOutOfRangeException(nameof(probability), probability, "probability must be a number in [0, 1]");

    /// <summary>[B] bool: which samples are augmented, each with <paramref name="probability"/>.</summary>
    private static Tensor DrawApplied(long batch, double probability, Generator generator)
    {
        // rand is in [0, 1): probability 1 selects every sample and 0 none.
        using var uniform = DrawUniform(batch, generator);
        return uniform.lt(probability);
    }

    /// <summary>[B] int64: each sample's partner, uniform over the other samples (itself only in a batch of one).</summary>
    private static Tensor DrawPartners(long batch, Generator generator)
    {
        using var uniform = DrawUniform(batch, generator);
        if (batch < 2)
        {
            return torch.zeros(batch, dtype: ScalarType.Int64);
        }
        // An offset in 1..B-1 from the sample itself reaches every other sample with equal chance.
        using var offset = uniform.mul(batch - 1).floor_().to_type(ScalarType.Int64).add_(1);
        using var self = torch.arange(batch, dtype: ScalarType.Int64);
        return self.add(offset).remainder_(batch);
    }

    /// <summary>[B] float64 uniform draws in [0, 1).</summary>
    private static Tensor DrawUniform(long batch, Generator generator) =>
        torch.rand(batch, dtype: ScalarType.Float64, generator: generator);

    /// <summary>[4] int64: a layout box in pixels, exactly as <see cref="RegionBox.ToPixels"/> places it.</summary>
    public static Tensor FixedBox(RegionBox box, int size)
    {
        var (x0, y0, x1, y1) = box.ToPixels(size);
        return torch.tensor(new long[] { x0, y0, x1, y1 });
    }

    /// <summary>[B, 4] pixel boxes of squares given centre and side as fractions of the crop; clipped, never empty.</summary>
    public static Tensor Squares(Tensor centreX, Tensor centreY, Tensor side, int size)
    {
        using var half = side.div(2);
        var (x0, x1) = PixelSpan(centreX, half, size);
        var (y0, y1) = PixelSpan(centreY, half, size);
        using (x0)
        using (x1)
        using (y0)
        using (y1)
        {
            return torch.stack([x0, y0, x1, y1], dim: 1);
        }
    }

    /// <summary>[B, 1, S, S] bool on <paramref name="device"/>: inside the box of each sample that is augmented.</summary>
    private static Tensor Mask(Tensor boxes, Tensor applied, int size, Device device)
    {
        using var scope = torch.NewDisposeScope();
        var batch = boxes.shape[0];
        var onDevice = boxes.to(device);
        var coordinates = torch.arange(size, dtype: ScalarType.Int64, device: device);
        var xs = coordinates.view(1, 1, 1, size);
        var ys = coordinates.view(1, 1, size, 1);
        Tensor Column(int index) => onDevice.select(1, index).view(batch, 1, 1, 1);
        var inside = xs.ge(Column(0)).logical_and(xs.lt(Column(2)))
            .logical_and(ys.ge(Column(1))).logical_and(ys.lt(Column(3)));
        return inside.logical_and(applied.to(device).view(batch, 1, 1, 1)).MoveToOuterDisposeScope();
    }

    private static (Tensor Start, Tensor End) PixelSpan(Tensor centre, Tensor half, int size)
    {
        using var scope = torch.NewDisposeScope();
        // Rounds half to even like Math.Round, so fixed and random boxes snap to pixels the same way.
        var start = centre.sub(half).mul_(size).round_().clamp_(0, size - 1).to_type(ScalarType.Int64);
        var end = centre.add(half).mul_(size).round_().to_type(ScalarType.Int64);
        end = torch.maximum(end, start.add(1)).clamp_(max: size);
        return (start.MoveToOuterDisposeScope(), end.MoveToOuterDisposeScope());
    }
}
