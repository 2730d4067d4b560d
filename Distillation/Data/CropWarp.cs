using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// Re-frames a batch of face crops through a similarity transform, on the crops' own device: the tensor counterpart
/// of <see cref="FaceAligner"/>'s photo warp, for moving faces already cropped in one layout into another. Coordinates
/// are continuous pixel coordinates (pixel (i, j) covers [i, i + 1) x [j, j + 1)) in input and output alike.
/// </summary>
public static class CropWarp
{
    /// <param name="crops">Floating point [B, C, S, S].</param>
    /// <param name="cropToOutput">Where each crop point lands in the output, in pixels.</param>
    /// <param name="outputSize">Side of the output in pixels.</param>
    /// <returns>[B, C, outputSize, outputSize], sampled bilinearly; output points that fall outside the crop are 0.</returns>
    public static Tensor Warp(Tensor crops, SimilarityTransform cropToOutput, int outputSize)
    {
        ArgumentNullException.ThrowIfNull(crops);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        if (crops.dim() != 4 || crops.shape[2] != crops.shape[3] || crops.shape[2] < 1 || !crops.is_floating_point())
        {
            throw new ArgumentException(
                $"expected square floating point crops [B, C, S, S]; got {crops.dtype} [{string.Join(", ", crops.shape)}]", nameof(crops));
        }
        if (!double.IsFinite(cropToOutput.Scale) || cropToOutput.Scale <= 0 || !double.IsFinite(cropToOutput.Angle)
            || !double.IsFinite(cropToOutput.OffsetX) || !double.IsFinite(cropToOutput.OffsetY))
        {
            throw new ArgumentException($"the transform must have a positive finite scale and finite angle and offsets; got {cropToOutput}", nameof(cropToOutput));
        }
        using var scope = torch.NewDisposeScope();
        var (source, sourceToOutput) = ShrinkFirst(crops, cropToOutput);
        var theta = SamplingMatrix(sourceToOutput, source.shape[2], outputSize, source.dtype, source.device);
        var batch = source.shape[0];
        var grid = nn.functional.affine_grid(theta.expand(batch, 2, 3), [batch, source.shape[1], outputSize, outputSize], align_corners: false);
        return nn.functional.grid_sample(source, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false)
            .MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Bilinear sampling aliases when it shrinks, so a crop that the transform shrinks is first resized (antialiased)
    /// to the size at which the transform no longer shrinks it; the returned transform starts from that size.
    /// </summary>
    private static (Tensor Source, SimilarityTransform SourceToOutput) ShrinkFirst(Tensor crops, SimilarityTransform cropToOutput)
    {
        if (cropToOutput.Scale >= 1)
        {
            return (crops, cropToOutput);
        }
        var size = crops.shape[2];
        var shrunk = (long)Math.Ceiling(size * cropToOutput.Scale);
        var resized = nn.functional.interpolate(crops, [shrunk, shrunk], mode: InterpolationMode.Bilinear, align_corners: false, antialias: true);
        // Continuous coordinates scale by shrunk / size under this resize, so only the transform's scale changes.
        return (resized, cropToOutput with { Scale = cropToOutput.Scale * size / shrunk });
    }

    /// <summary>
    /// affine_grid's [1, 2, 3] matrix: from output coordinates normalised to [-1, 1] (the outer edges of the outer
    /// pixels, align_corners false) to source coordinates normalised the same way, i.e. the inverse transform.
    /// </summary>
    private static Tensor SamplingMatrix(SimilarityTransform sourceToOutput, long sourceSize, int outputSize, ScalarType dtype, Device device)
    {
        var outputToSource = sourceToOutput.Inverse();
        var ratio = (double)outputSize / sourceSize;
        var (cos, sin) = (outputToSource.Scale * Math.Cos(outputToSource.Angle), outputToSource.Scale * Math.Sin(outputToSource.Angle));
        var (centreX, centreY) = outputToSource.Apply((outputSize / 2.0, outputSize / 2.0));
        double[] matrix =
        [
            ratio * cos, -ratio * sin, 2 * centreX / sourceSize - 1,
            ratio * sin, ratio * cos, 2 * centreY / sourceSize - 1,
        ];
        return torch.tensor(matrix, [1, 2, 3], dtype: dtype, device: device);
    }
}
