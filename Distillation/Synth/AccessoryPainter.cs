using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Synth;

/// <summary>
/// Paints what sits in front of the face: an identity's glasses (worn in most of their images), and per-image
/// occluders — sunglasses, a hand and a random rectangle.
/// </summary>
internal static class AccessoryPainter
{
    private static readonly Rgb SunglassLens = new(0.05, 0.05, 0.07);
    private static readonly Rgb ClearLens = new(0.85, 0.9, 0.95);

    public static void PaintEyewear(RenderBatch batch, FaceLayout layout)
    {
        if (!batch.Any(s => s.Nuisance.Glasses || s.Nuisance.Sunglasses))
        {
            return;
        }
        var glasses = batch.Flag(s => s.Nuisance.Glasses && !s.Nuisance.Sunglasses);
        var sunglasses = batch.Flag(s => s.Nuisance.Sunglasses);
        var worn = glasses + sunglasses;

        var radiusX = layout.EyeHalfWidth * batch.Gene(IdentityGene.GlassesSize, 1.5, 1.9);
        var radiusY = radiusX * 0.78;
        var dx = batch.X.abs() - layout.EyeX;
        var dy = batch.Y - layout.EyeY;
        var lens = SoftShapes.SuperEllipse(dx, dy, radiusX, radiusY, batch.Gene(IdentityGene.GlassesShape, 2, 5));
        batch.Paint(batch.Colour(_ => ClearLens), SoftShapes.Inside(lens, batch.Pixel) * glasses * 0.15);
        batch.Paint(batch.Colour(_ => SunglassLens), SoftShapes.Inside(lens, batch.Pixel) * sunglasses * 0.93);

        var rim = lens.abs() - 0.0055;
        var bridge = SoftShapes.Intersect((dy + 0.012).abs() - 0.005, batch.X.abs() - (layout.EyeX - radiusX * 0.9));
        var temple = SoftShapes.Intersect(SoftShapes.Intersect((dy + 0.01).abs() - 0.005, layout.EyeX + radiusX * 0.9 - batch.X.abs()), batch.X.abs() - layout.HalfWidth);
        var frame = minimum(minimum(rim, bridge), temple);
        var frameColour = batch.Colour(s => s.Nuisance.Sunglasses ? SunglassLens : s.Identity.GlassesFrame);
        batch.Paint(frameColour, SoftShapes.Inside(frame, batch.Pixel) * worn);
    }

    /// <summary>A palm with four fingers in the image frame (a hand held up in front of the lower face).</summary>
    public static void PaintHand(RenderBatch batch, Tensor skin)
    {
        if (!batch.Any(s => s.Nuisance.Hand))
        {
            return;
        }
        var present = batch.Flag(s => s.Nuisance.Hand);
        var size = batch.Value(s => s.Nuisance.HandSize);
        var angle = batch.Value(s => s.Nuisance.HandAngle);
        var dx = batch.PixelX - batch.Value(s => s.Nuisance.HandX);
        var dy = batch.PixelY - batch.Value(s => s.Nuisance.HandY);
        var u = dx * angle.cos() + dy * angle.sin();
        var v = dy * angle.cos() - dx * angle.sin();
        var hand = SoftShapes.Ellipse(u, v, size, size * 0.85);
        for (var finger = 0; finger < 4; finger++)
        {
            var offset = -0.6 + 0.4 * finger;
            hand = minimum(hand, SoftShapes.Ellipse(u - size * offset, v + size * 1.15, size * 0.17, size * 0.6));
        }
        batch.Paint(skin * 0.95, SoftShapes.Inside(hand, batch.Pixel) * present);
    }

    public static void PaintPatch(RenderBatch batch)
    {
        if (!batch.Any(s => s.Nuisance.Patch))
        {
            return;
        }
        var present = batch.Flag(s => s.Nuisance.Patch);
        var halfWidth = batch.Value(s => s.Nuisance.PatchWidth / 2);
        var halfHeight = batch.Value(s => s.Nuisance.PatchHeight / 2);
        var dx = batch.PixelX - batch.Value(s => s.Nuisance.PatchX) - halfWidth;
        var dy = batch.PixelY - batch.Value(s => s.Nuisance.PatchY) - halfHeight;
        batch.Paint(batch.Colour(s => s.Nuisance.PatchColour), SoftShapes.Inside(SoftShapes.Box(dx, dy, halfWidth, halfHeight), batch.Pixel) * present);
    }
}
