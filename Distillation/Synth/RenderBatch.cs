using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Synth;

/// <summary>
/// The working state of one rendered batch: the float canvas [B, 3, S, S], pixel coordinates in crop fractions,
/// the same coordinates mapped into each image's face frame by its pose, and the per-image parameters as
/// broadcastable tensors. Every tensor it makes lives in the caller's dispose scope.
/// </summary>
internal sealed class RenderBatch
{
    /// <summary>The point the pose rotates and scales the face about (between the eyes and the mouth).</summary>
    private const double PivotY = 0.58;

    /// <summary>How far a full yaw moves the midline sideways, and the half-width over which the warp fades out.</summary>
    private const double YawShift = 0.12;
    private const double YawHalfWidth = 0.45;

    private readonly IReadOnlyList<FaceSample> samples;
    private readonly double identitySpread;

    public RenderBatch(IReadOnlyList<FaceSample> samples, int size, Device device, double identitySpread)
    {
        this.samples = samples;
        this.identitySpread = identitySpread;
        Size = size;
        Device = device;
        var centres = torch.arange(size, ScalarType.Float32, device).add_(0.5).div_(size);
        PixelX = centres.view(1, 1, size);
        PixelY = centres.view(1, size, 1);
        Canvas = torch.zeros([samples.Count, 3, size, size], ScalarType.Float32, device);
        (X, Y) = FaceFrame();
    }

    public int Count => samples.Count;

    public int Size { get; }

    public Device Device { get; }

    /// <summary>One pixel in crop fractions: the anti-aliasing width.</summary>
    public double Pixel => 1.0 / Size;

    /// <summary>Pixel-centre coordinates of the crop in [0, 1]: [1, 1, S] and [1, S, 1].</summary>
    public Tensor PixelX { get; }

    public Tensor PixelY { get; }

    /// <summary>Face-frame coordinates [B, S, S]: X is 0 on the face's midline, Y runs from the top; both in crop fractions.</summary>
    public Tensor X { get; }

    public Tensor Y { get; }

    public Tensor Canvas { get; set; }

    public IEnumerable<FaceSample> Samples => samples;

    /// <summary>Whether any image needs a part; painters skip parts no image in the batch has.</summary>
    public bool Any(Func<FaceSample, bool> predicate) => samples.Any(predicate);

    /// <summary>An identity gene mapped to [low, high], narrowed about the middle by the difficulty's identity spread.</summary>
    public Tensor Gene(IdentityGene gene, double low, double high)
    {
        var middle = (low + high) / 2;
        var half = (high - low) / 2 * identitySpread;
        return Value(s => middle + half * (2 * s.Identity[gene] - 1));
    }

    /// <summary>A per-image number as [B, 1, 1].</summary>
    public Tensor Value(Func<FaceSample, double> select)
    {
        var values = new float[samples.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)select(samples[i]);
        }
        return torch.tensor(values, device: Device).view(-1, 1, 1);
    }

    /// <summary>1 where the condition holds for the image, else 0, as [B, 1, 1].</summary>
    public Tensor Flag(Func<FaceSample, bool> condition) => Value(s => condition(s) ? 1 : 0);

    /// <summary>A per-image colour as [B, 3, 1, 1].</summary>
    public Tensor Colour(Func<FaceSample, Rgb> select)
    {
        var values = new float[3 * samples.Count];
        for (var i = 0; i < samples.Count; i++)
        {
            var colour = select(samples[i]);
            values[3 * i] = (float)colour.R;
            values[3 * i + 1] = (float)colour.G;
            values[3 * i + 2] = (float)colour.B;
        }
        return torch.tensor(values, device: Device).view(-1, 3, 1, 1);
    }

    /// <summary>A per-image random grid [B, channels, side, side] upsampled smoothly to the canvas size.</summary>
    public Tensor SmoothField(Func<FaceSample, float[]> select, int channels, int side)
    {
        var values = samples.SelectMany(select).ToArray();
        var grid = torch.tensor(values, device: Device).view(-1, channels, side, side);
        return nn.functional.interpolate(grid, [Size, Size], mode: InterpolationMode.Bicubic, align_corners: false);
    }

    /// <summary>Blends <paramref name="colour"/> ([B, 3, 1, 1] or [B, 3, S, S]) over the canvas with coverage <paramref name="alpha"/> ([B, S, S]).</summary>
    public void Paint(Tensor colour, Tensor alpha) => Canvas.add_(alpha.unsqueeze(1).mul(colour - Canvas));

    /// <summary>
    /// Inverse pose: where each pixel lies in the face's own frame after the image's shift, rotation, scale,
    /// horizontal squash and a yaw-like warp that slides the middle of the face sideways inside its outline.
    /// </summary>
    private (Tensor X, Tensor Y) FaceFrame()
    {
        var cos = Value(s => Math.Cos(s.Nuisance.Rotation));
        var sin = Value(s => Math.Sin(s.Nuisance.Rotation));
        var dx = PixelX - 0.5 - Value(s => s.Nuisance.ShiftX);
        var dy = PixelY - PivotY - Value(s => s.Nuisance.ShiftY);
        var rx = (cos * dx + sin * dy) / Value(s => s.Nuisance.Scale * s.Nuisance.Squash);
        var ry = (cos * dy - sin * dx) / Value(s => s.Nuisance.Scale);
        var fade = (1 - (rx / YawHalfWidth).square()).relu_();
        var x = rx - Value(s => s.Nuisance.Yaw * YawShift) * fade;
        return (x, ry + PivotY);
    }
}
