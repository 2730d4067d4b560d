using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Synth;

/// <summary>
/// Paints hair: long hair behind the head, the cap in front with its identity-specific hairline (height, temple
/// recession, widow's peak, sideburns, parting, baldness) and per-image bangs, all with a strand texture.
/// </summary>
internal static class HairPainter
{
    /// <summary>Genes above this mean a bald crown (only the sides keep hair).</summary>
    private const double BaldGene = 0.9;

    /// <summary>Genes above this mean hair long enough to fall behind the face.</summary>
    private const double LongHairGene = 0.55;

    public static Tensor HairColour(RenderBatch batch) => batch.Colour(s => s.Identity.Hair.Times(s.Nuisance.HairGain));

    public static void PaintBack(RenderBatch batch, FaceLayout layout, Tensor hair)
    {
        if (!batch.Any(s => s.Identity[IdentityGene.HairLength] > LongHairGene))
        {
            return;
        }
        var isLong = batch.Flag(s => s.Identity[IdentityGene.HairLength] > LongHairGene);
        var bottom = batch.Value(s => 0.55 + Math.Max(0, s.Identity[IdentityGene.HairLength] - LongHairGene) / (1 - LongHairGene) * 0.55);
        var volume = Volume(batch);
        var rounded = SoftShapes.Ellipse(batch.X, (batch.Y - FaceLayout.CheekY).clamp(max: 0), layout.HalfWidth + volume + 0.04, FaceLayout.CheekY - layout.CrownY + volume);
        var region = SoftShapes.Intersect(rounded, batch.Y - bottom);
        batch.Paint(hair * Strands(batch, 0.75).unsqueeze(1), SoftShapes.Inside(region, batch.Pixel) * isLong);
    }

    public static void PaintFront(RenderBatch batch, FaceLayout layout, Tensor hair)
    {
        var cap = CapDistance(batch, layout);
        var relativeX = batch.X / layout.HalfWidth;
        var bald = batch.Flag(s => s.Identity[IdentityGene.HairlineHeight] > BaldGene);
        var hairline = layout.CrownY + batch.Gene(IdentityGene.HairlineHeight, 0.1, 0.24) * (1 - bald) - 0.06 * bald
            + batch.Gene(IdentityGene.HairlineCurve, 0, 0.09) * relativeX.square()
            + batch.Gene(IdentityGene.WidowsPeak, -0.01, 0.04) * (-(batch.X / 0.06).square()).exp();
        // Towards the temples the hair comes down to the sideburns.
        var sides = SoftShapes.SmoothStep(relativeX.abs(), 0.72, 0.95);
        hairline = hairline + (batch.Gene(IdentityGene.Sideburns, 0.42, 0.6) - hairline).relu() * sides;
        var coverage = SoftShapes.Inside(cap, batch.Pixel) * SoftShapes.Inside(batch.Y - hairline, batch.Pixel);

        var parting = batch.Gene(IdentityGene.HairPart, -0.16, 0.16);
        var partLine = SoftShapes.Inside((batch.X - parting).abs() - 0.008, batch.Pixel) * 0.35;
        batch.Paint(hair * (Strands(batch, 1) * (1 - partLine)).unsqueeze(1), coverage);
    }

    /// <summary>A fringe over part of the forehead, with a wavy lower edge.</summary>
    public static void PaintBangs(RenderBatch batch, FaceLayout layout, Tensor hair)
    {
        if (!batch.Any(s => s.Nuisance.Bangs))
        {
            return;
        }
        var present = batch.Flag(s => s.Nuisance.Bangs);
        var wave = (batch.X * 45 + batch.Value(s => s.Nuisance.BangsWavePhase)).sin() * 0.018;
        var lower = SoftShapes.Inside(batch.Y - batch.Value(s => s.Nuisance.BangsDepth) - wave, batch.Pixel);
        var left = batch.Value(s => s.Nuisance.BangsLeft);
        var right = batch.Value(s => s.Nuisance.BangsRight);
        var across = SoftShapes.Inside(SoftShapes.Intersect(left - batch.X, batch.X - right), 2 * batch.Pixel);
        var coverage = SoftShapes.Inside(CapDistance(batch, layout), batch.Pixel) * lower * across * present;
        batch.Paint(hair * Strands(batch, 0.9).unsqueeze(1), coverage);
    }

    private static Tensor Volume(RenderBatch batch) => batch.Gene(IdentityGene.HairVolume, 0.015, 0.07);

    /// <summary>The head outline grown by the hair volume, with straight sides below the cheekbones.</summary>
    private static Tensor CapDistance(RenderBatch batch, FaceLayout layout)
    {
        var volume = Volume(batch);
        return SoftShapes.Ellipse(batch.X, (batch.Y - FaceLayout.CheekY).clamp(max: 0), layout.HalfWidth + volume, FaceLayout.CheekY - layout.CrownY + volume);
    }

    /// <summary>Brightness modulation [B, S, S] of parallel strands at an identity-fixed angle and spacing.</summary>
    private static Tensor Strands(RenderBatch batch, double brightness)
    {
        var angle = batch.Gene(IdentityGene.HairStrandAngle, 1.1, 2.0);
        var wavelength = batch.Gene(IdentityGene.HairStrandFrequency, 0.045, 0.09);
        var phase = (batch.X * angle.cos() + batch.Y * angle.sin()) * (2 * Math.PI) / wavelength;
        return (phase.sin() * 0.14 + 1) * brightness;
    }
}
