using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Synth;

/// <summary>
/// Signed-distance helpers for drawing parts as soft masks on coordinate grids. Distances are approximate (exact
/// on circles) and in fractions of the crop side; only their zero set and rough scale matter for anti-aliasing.
/// </summary>
internal static class SoftShapes
{
    /// <summary>Coverage in [0, 1] of the region where <paramref name="signedDistance"/> &lt; 0, smooth-stepped across <paramref name="softness"/>.</summary>
    public static Tensor Inside(Tensor signedDistance, double softness)
    {
        var t = signedDistance.div(-softness).add_(0.5).clamp_(0, 1);
        return t.square().mul_(t.mul(-2).add_(3));
    }

    public static Tensor Ellipse(Tensor dx, Tensor dy, Tensor radiusX, Tensor radiusY) =>
        dx.div(radiusX).square().add_(dy.div(radiusY).square()).sqrt_().sub_(1).mul_(minimum(radiusX, radiusY));

    /// <summary>|dx/rx|^n + |dy/ry|^n = 1: n = 2 is an ellipse, larger n tends to a rounded rectangle.</summary>
    public static Tensor SuperEllipse(Tensor dx, Tensor dy, Tensor radiusX, Tensor radiusY, Tensor exponent)
    {
        var sum = dx.div(radiusX).abs_().pow(exponent).add_(dy.div(radiusY).abs_().pow(exponent));
        return sum.pow(exponent.reciprocal()).sub_(1).mul_(minimum(radiusX, radiusY));
    }

    /// <summary>An axis-aligned box of half-sizes (hx, hy) around the origin of (dx, dy).</summary>
    public static Tensor Box(Tensor dx, Tensor dy, Tensor halfX, Tensor halfY) => maximum(dx.abs() - halfX, dy.abs() - halfY);

    /// <summary>Intersection of regions given by signed distances.</summary>
    public static Tensor Intersect(Tensor a, Tensor b) => maximum(a, b);

    public static Tensor Gaussian(Tensor dx, Tensor dy, Tensor radius) =>
        dx.square().add_(dy.square()).div_(radius.square().mul(-2)).exp_();

    /// <summary>0 below <paramref name="low"/>, 1 above <paramref name="high"/>, a smooth step between.</summary>
    public static Tensor SmoothStep(Tensor x, double low, double high)
    {
        var t = x.sub(low).div_(high - low).clamp_(0, 1);
        return t.square().mul_(t.mul(-2).add_(3));
    }
}
