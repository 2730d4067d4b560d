using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Synth;

/// <summary>
/// Paints eyes, brows, nose and mouth. Left and right parts are drawn together on the mirrored coordinate |X|
/// (faces are symmetric by construction); only the gaze, which moves both irises the same way, breaks the mirror.
/// </summary>
internal static class FeaturePainter
{
    private static readonly Rgb Sclera = new(0.93, 0.91, 0.88);
    private static readonly Rgb Lash = new(0.07, 0.05, 0.05);
    private static readonly Rgb Pupil = new(0.03, 0.03, 0.04);
    private static readonly Rgb Nostril = new(0.16, 0.08, 0.06);
    private static readonly Rgb MouthInside = new(0.28, 0.07, 0.07);
    private static readonly Rgb Teeth = new(0.92, 0.9, 0.82);

    public static void PaintEyes(RenderBatch batch, FaceLayout layout, Tensor skin)
    {
        var mirroredX = batch.X.abs();
        var halfWidth = layout.EyeHalfWidth;
        var openness = batch.Value(s => s.Nuisance.EyeOpenness);
        var dx = mirroredX - layout.EyeX;
        var dy = batch.Y - layout.EyeY;
        // A shear lifts (positive tilt) or lowers the outer corner.
        var tiltedY = dy + batch.Gene(IdentityGene.EyeTilt, -0.22, 0.25) * dx;
        var upper = batch.Gene(IdentityGene.EyeUpperOpening, 0.45, 0.8) * halfWidth * openness + 0.002;
        var lower = batch.Gene(IdentityGene.EyeLowerOpening, 0.28, 0.5) * halfWidth * openness + 0.002;
        var opening = SoftShapes.Ellipse(dx, tiltedY, halfWidth, where(tiltedY.lt(0), upper, lower));
        var eye = SoftShapes.Inside(opening, batch.Pixel);

        var socket = SoftShapes.Ellipse(dx, dy + 0.006, halfWidth * 1.55, halfWidth * 1.15);
        batch.Paint(skin * 0.7, SoftShapes.Inside(socket, 0.04) * batch.Gene(IdentityGene.EyeSocketShade, 0.1, 0.4));
        batch.Paint(batch.Colour(_ => Sclera), eye);

        var irisRadius = batch.Gene(IdentityGene.IrisSize, 0.45, 0.7) * halfWidth;
        var irisDx = dx - batch.Value(s => s.Nuisance.GazeX) * halfWidth * 0.5 * batch.X.sign();
        var irisDy = dy - batch.Value(s => s.Nuisance.GazeY) * halfWidth * 0.3;
        var iris = SoftShapes.Ellipse(irisDx, irisDy, irisRadius, irisRadius);
        batch.Paint(batch.Colour(s => s.Identity.Iris.Times(s.Nuisance.SkinGain)), SoftShapes.Inside(iris, batch.Pixel) * eye);
        var pupilRadius = irisRadius * 0.45;
        batch.Paint(batch.Colour(_ => Pupil), SoftShapes.Inside(SoftShapes.Ellipse(irisDx, irisDy, pupilRadius, pupilRadius), batch.Pixel) * eye);

        // Upper lid and lashes: a dark rim along the top of the opening, all that is left of a closed eye.
        var rim = SoftShapes.Inside(opening.abs() - 0.0065, batch.Pixel) * SoftShapes.Inside(tiltedY - lower * 0.3, batch.Pixel);
        batch.Paint(batch.Colour(_ => Lash), rim * 0.85);
    }

    public static void PaintBrows(RenderBatch batch, FaceLayout layout, Tensor hair)
    {
        var halfLength = batch.Gene(IdentityGene.BrowLength, 0.05, 0.085);
        var centreX = layout.EyeX + batch.Gene(IdentityGene.BrowOffset, -0.015, 0.02);
        var centreY = layout.EyeY - batch.Gene(IdentityGene.BrowGap, 0.045, 0.085) - batch.Value(s => s.Nuisance.BrowRaise) * 0.025;
        var u = (batch.X.abs() - centreX) / halfLength;
        var curve = centreY - batch.Gene(IdentityGene.BrowArch, 0, 0.025) * (1 - u.square()) - batch.Gene(IdentityGene.BrowTilt, -0.02, 0.02) * u;
        var thickness = batch.Gene(IdentityGene.BrowThickness, 0.012, 0.032) * (1 - 0.45 * u.clamp(0, 1));
        var brow = SoftShapes.Intersect((batch.Y - curve).abs() - thickness / 2, (u.abs() - 1) * halfLength);
        batch.Paint(hair * batch.Gene(IdentityGene.BrowDarkness, 0.45, 0.95).unsqueeze(1), SoftShapes.Inside(brow, batch.Pixel) * 0.9);
    }

    public static void PaintNose(RenderBatch batch, FaceLayout layout, Tensor skin)
    {
        var tipY = layout.NoseTipY;
        var halfWidth = layout.NoseHalfWidth;
        var shade = batch.Gene(IdentityGene.NoseShade, 0.25, 0.55);
        var bridgeHalfWidth = batch.Gene(IdentityGene.NoseBridge, 0.014, 0.028);
        var bridge = SoftShapes.Intersect(
            SoftShapes.Intersect((batch.X.abs() - bridgeHalfWidth).abs() - 0.006, layout.EyeY + 0.03 - batch.Y),
            batch.Y - tipY);
        batch.Paint(skin * 0.7, SoftShapes.Inside(bridge, 2 * batch.Pixel) * shade * 0.8);

        var underside = SoftShapes.Ellipse(batch.X, batch.Y - tipY - 0.012, halfWidth, batch.Value(_ => 0.024));
        batch.Paint(skin * 0.6, SoftShapes.Inside(underside, 2 * batch.Pixel) * shade);
        var tip = SoftShapes.Ellipse(batch.X, batch.Y - tipY + 0.008, halfWidth * 0.45, batch.Value(_ => 0.018));
        batch.Paint(skin * 1.12, SoftShapes.Inside(tip, 2 * batch.Pixel) * 0.5);

        var nostrilRadius = batch.Gene(IdentityGene.NostrilSize, 0.007, 0.014);
        var nostril = SoftShapes.Ellipse(batch.X.abs() - halfWidth * 0.55, batch.Y - tipY - 0.014, nostrilRadius, nostrilRadius * 0.65);
        batch.Paint(batch.Colour(_ => Nostril), SoftShapes.Inside(nostril, batch.Pixel) * 0.9);
    }

    public static void PaintMouth(RenderBatch batch, FaceLayout layout)
    {
        var halfWidth = layout.MouthHalfWidth;
        var across = (batch.X / halfWidth).clamp(-1, 1);
        var profile = (1 - across.square()).clamp(min: 0).sqrt();
        var corners = batch.Gene(IdentityGene.RestingCurve, -0.01, 0.01) + batch.Value(s => s.Nuisance.Smile) * 0.022;
        var line = layout.MouthY - corners * across.square();
        var open = batch.Value(s => s.Nuisance.MouthOpen) * 0.035;
        var inside = SoftShapes.Box(batch.X, batch.Y - line - open / 2, halfWidth * 0.9, open / 2);
        var sides = batch.X.abs() - halfWidth;

        batch.Paint(batch.Colour(_ => MouthInside), SoftShapes.Inside(inside, batch.Pixel));
        var teeth = SoftShapes.Box(batch.X, batch.Y - line - open * 0.2, halfWidth * 0.6, open * 0.2);
        batch.Paint(batch.Colour(_ => Teeth), SoftShapes.Inside(teeth, batch.Pixel) * 0.9);

        var lips = batch.Colour(s => s.Identity.Lips(s.Nuisance.Skin(s.Identity)));
        var bow = batch.Gene(IdentityGene.CupidBow, 0, 0.008) * (-(batch.X / 0.018).square()).exp();
        var upperTop = line - batch.Gene(IdentityGene.UpperLip, 0.02, 0.04) * profile + bow;
        var upperLip = SoftShapes.Intersect(SoftShapes.Intersect(upperTop - batch.Y, batch.Y - line), sides);
        var lowerBottom = line + open + batch.Gene(IdentityGene.LowerLip, 0.026, 0.05) * profile;
        var lowerLip = SoftShapes.Intersect(SoftShapes.Intersect(line + open - batch.Y, batch.Y - lowerBottom), sides);
        batch.Paint(lips, SoftShapes.Inside(minimum(upperLip, lowerLip), batch.Pixel));

        var parting = SoftShapes.Intersect((batch.Y - line - open / 2).abs() - 0.004 - open / 2, sides);
        batch.Paint(batch.Colour(_ => MouthInside), SoftShapes.Inside(parting, batch.Pixel) * 0.7);
    }
}
