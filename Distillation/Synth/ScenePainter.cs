using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Synth;

/// <summary>
/// What surrounds and degrades the face: a cluttered background, then the camera — directional and uneven light,
/// gain, white balance, hue and saturation, gamma, per-image Gaussian blur and pixel noise.
/// </summary>
internal static class ScenePainter
{
    /// <summary>Rec. 601 luma weights: the grey a saturation change pulls towards.</summary>
    private static readonly double[] Luma = [0.299, 0.587, 0.114];

    public static void PaintBackground(RenderBatch batch)
    {
        var coarse = batch.SmoothField(s => s.Nuisance.BackgroundCoarse, 3, FaceNuisance.CoarseGrid);
        var fine = batch.SmoothField(s => s.Nuisance.BackgroundFine, 3, FaceNuisance.FineGrid);
        var clutter = batch.Value(s => s.Nuisance.Clutter).unsqueeze(1);
        batch.Canvas.copy_(batch.Colour(s => s.Nuisance.Background) + (coarse * 0.4 + fine * 0.25) * clutter);
    }

    public static void ApplyLight(RenderBatch batch)
    {
        var angle = batch.Value(s => s.Nuisance.LightAngle);
        var gradient = ((batch.PixelX - 0.5) * angle.cos() + (batch.PixelY - 0.5) * angle.sin()) * 2 * batch.Value(s => s.Nuisance.LightGradient);
        var unevenness = batch.SmoothField(s => s.Nuisance.LightField, 1, FaceNuisance.LightGrid).squeeze(1);
        var light = (gradient + unevenness).exp_().unsqueeze(1);
        var gain = batch.Colour(s => s.Nuisance.WhiteBalance.Times(s.Nuisance.Gain));
        batch.Canvas.mul_(light).mul_(gain).clamp_(0, 1);

        var matrices = torch.tensor(batch.Samples.SelectMany(s => ColourMatrix(s.Nuisance.HueShift, s.Nuisance.Saturation)).ToArray(), device: batch.Device).view(-1, 3, 3);
        var pixels = batch.Canvas.view(batch.Count, 3, -1);
        var gamma = batch.Value(s => s.Nuisance.Gamma).unsqueeze(1);
        batch.Canvas = torch.bmm(matrices, pixels).view(batch.Count, 3, batch.Size, batch.Size).clamp_(0, 1).pow_(gamma);
    }

    /// <summary>
    /// A separable Gaussian blur whose sigma differs per image (a grouped convolution, one group per channel). The
    /// kernel radius follows from the level's largest sigma, not the batch's, so an image never depends on its batch.
    /// </summary>
    public static void ApplyBlur(RenderBatch batch, double maxSigma)
    {
        var sigmas = batch.Samples.Select(s => s.Nuisance.BlurSigma * batch.Size).ToArray();
        var radius = (int)Math.Ceiling(3 * maxSigma * batch.Size);
        if (radius == 0)
        {
            return;
        }
        var taps = 2 * radius + 1;
        var weights = new float[3 * batch.Count * taps];
        for (var i = 0; i < batch.Count; i++)
        {
            var kernel = GaussianKernel(sigmas[i], radius);
            for (var channel = 0; channel < 3; channel++)
            {
                kernel.CopyTo(weights, (3 * i + channel) * taps);
            }
        }
        var groups = 3L * batch.Count;
        var horizontal = torch.tensor(weights, device: batch.Device).view(groups, 1, 1, taps);
        var padded = nn.functional.pad(batch.Canvas.view(1, groups, batch.Size, batch.Size), [radius, radius, radius, radius], PaddingModes.Reflect);
        var blurred = nn.functional.conv2d(padded, horizontal, groups: groups);
        blurred = nn.functional.conv2d(blurred, horizontal.view(groups, 1, taps, 1), groups: groups);
        batch.Canvas = blurred.view(batch.Count, 3, batch.Size, batch.Size);
    }

    /// <summary>Gaussian pixel noise drawn on the CPU from each image's own seed, so every device renders the same image.</summary>
    public static void ApplyNoise(RenderBatch batch)
    {
        var noise = batch.Samples.Select(s =>
        {
            using var generator = new Generator((ulong)s.Nuisance.NoiseSeed);
            return torch.randn([3, batch.Size, batch.Size], generator: generator);
        }).ToArray();
        var strength = batch.Value(s => s.Nuisance.NoiseStd).unsqueeze(1);
        batch.Canvas.add_(torch.stack(noise).to(batch.Device).mul_(strength));
    }

    /// <summary>Saturation about the luma grey after a rotation of hue about the grey axis, as a row-major 3x3 matrix.</summary>
    private static float[] ColourMatrix(double hue, double saturation)
    {
        var cos = Math.Cos(hue);
        var sin = Math.Sin(hue) / Math.Sqrt(3);
        var third = (1 - cos) / 3;
        double[,] rotation =
        {
            { cos + third, third - sin, third + sin },
            { third + sin, cos + third, third - sin },
            { third - sin, third + sin, cos + third },
        };
        var matrix = new float[9];
        for (var row = 0; row < 3; row++)
        {
            for (var column = 0; column < 3; column++)
            {
                var value = 0.0;
                for (var k = 0; k < 3; k++)
                {
                    var toGrey = (row == k ? saturation : 0) + (1 - saturation) * Luma[k];
                    value += toGrey * rotation[k, column];
                }
                matrix[3 * row + column] = (float)value;
            }
        }
        return matrix;
    }

    private static float[] GaussianKernel(double sigma, int radius)
    {
        var kernel = new float[2 * radius + 1];
        if (sigma < 1e-3)
        {
            kernel[radius] = 1;
            return kernel;
        }
        var total = 0.0;
        for (var i = -radius; i <= radius; i++)
        {
            total += Math.Exp(-i * i / (2 * sigma * sigma));
        }
        for (var i = -radius; i <= radius; i++)
        {
            kernel[i + radius] = (float)(Math.Exp(-i * i / (2 * sigma * sigma)) / total);
        }
        return kernel;
    }
}
