using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Synth;

/// <summary>Paints clothes, neck, ears, the skin of the face with its identity texture and moles, and beards.</summary>
internal static class HeadPainter
{
    /// <summary>Beard style genes below this mean no beard (60% of people).</summary>
    private const double NoBeardBelow = 0.6;

    private static readonly (IdentityGene Orientation, IdentityGene Wavelength, IdentityGene Phase, IdentityGene CentreX, IdentityGene CentreY, IdentityGene Amplitude)[] TexturePatches =
    [
        (IdentityGene.TextureOrientation1, IdentityGene.TextureWavelength1, IdentityGene.TexturePhase1, IdentityGene.TextureCentreX1, IdentityGene.TextureCentreY1, IdentityGene.TextureAmplitude1),
        (IdentityGene.TextureOrientation2, IdentityGene.TextureWavelength2, IdentityGene.TexturePhase2, IdentityGene.TextureCentreX2, IdentityGene.TextureCentreY2, IdentityGene.TextureAmplitude2),
        (IdentityGene.TextureOrientation3, IdentityGene.TextureWavelength3, IdentityGene.TexturePhase3, IdentityGene.TextureCentreX3, IdentityGene.TextureCentreY3, IdentityGene.TextureAmplitude3),
    ];

    private static readonly (IdentityGene Presence, IdentityGene X, IdentityGene Y, IdentityGene Size)[] Moles =
    [
        (IdentityGene.MolePresence1, IdentityGene.MoleX1, IdentityGene.MoleY1, IdentityGene.MoleSize1),
        (IdentityGene.MolePresence2, IdentityGene.MoleX2, IdentityGene.MoleY2, IdentityGene.MoleSize2),
        (IdentityGene.MolePresence3, IdentityGene.MoleX3, IdentityGene.MoleY3, IdentityGene.MoleSize3),
    ];

    public static Tensor SkinColour(RenderBatch batch) => batch.Colour(s => s.Nuisance.Skin(s.Identity));

    /// <summary>Shoulders in a per-image colour, seen at the bottom corners.</summary>
    public static void PaintClothes(RenderBatch batch)
    {
        var clothes = SoftShapes.Ellipse(batch.X, batch.Y - 1.24, batch.Value(_ => 0.62), batch.Value(_ => 0.3));
        batch.Paint(batch.Colour(s => s.Nuisance.Clothes), SoftShapes.Inside(clothes, batch.Pixel));
    }

    public static void PaintNeckAndEars(RenderBatch batch, FaceLayout layout, Tensor skin)
    {
        var neckHalfWidth = layout.HalfWidth * 0.55;
        var neck = SoftShapes.Intersect(batch.X.abs() - neckHalfWidth, FaceLayout.CheekY + 0.1 - batch.Y);
        batch.Paint(skin * 0.72, SoftShapes.Inside(neck, batch.Pixel));

        // Ears sit at the sides between eye and nose height; the face drawn next covers their inner half.
        var earX = layout.HalfWidth - 0.012;
        var ear = SoftShapes.Ellipse(batch.X.abs() - earX, batch.Y - 0.55, batch.Value(_ => 0.034), batch.Gene(IdentityGene.EarSize, 0.055, 0.085));
        batch.Paint(skin * 0.88, SoftShapes.Inside(ear, batch.Pixel));
    }

    /// <summary>Skin with rounded shading, identity-fixed texture patches and moles; returns the face coverage [B, S, S].</summary>
    public static Tensor PaintFace(RenderBatch batch, FaceLayout layout, Tensor skin)
    {
        var face = SoftShapes.Inside(layout.FaceDistance, batch.Pixel);
        var roundShading = 1 - 0.25 * (batch.X / layout.HalfWidth).abs().clamp(0, 1).pow(3);
        var texture = torch.ones_like(batch.X);
        foreach (var patch in TexturePatches)
        {
            var angle = batch.Gene(patch.Orientation, 0, Math.PI);
            var wavelength = batch.Gene(patch.Wavelength, 0.07, 0.16);
            var dx = batch.X - batch.Gene(patch.CentreX, -0.22, 0.22);
            var dy = batch.Y - batch.Gene(patch.CentreY, 0.3, 0.9);
            var wave = (dx * angle.cos() + dy * angle.sin()) * (2 * Math.PI) / wavelength + batch.Gene(patch.Phase, 0, 2 * Math.PI);
            var envelope = SoftShapes.Gaussian(dx, dy, batch.Value(_ => 0.16));
            texture.add_(batch.Gene(patch.Amplitude, 0.05, 0.13) * wave.cos() * envelope);
        }
        batch.Paint(skin * (roundShading * texture).unsqueeze(1), face);

        var moleColour = batch.Colour(_ => new Rgb(0.22, 0.13, 0.09));
        foreach (var mole in Moles)
        {
            if (!batch.Any(s => HasMole(s, mole.Presence)))
            {
                continue;
            }
            var present = batch.Flag(s => HasMole(s, mole.Presence));
            var radius = batch.Gene(mole.Size, 0.011, 0.02);
            var spot = SoftShapes.Ellipse(batch.X - batch.Gene(mole.X, -0.26, 0.26), batch.Y - batch.Gene(mole.Y, 0.32, 0.9), radius, radius);
            batch.Paint(moleColour, SoftShapes.Inside(spot, batch.Pixel) * face * present * 0.85);
        }
        return face;
    }

    /// <summary>None (most), stubble, moustache, goatee (with moustache) or a full beard, by the identity's style gene.</summary>
    public static void PaintBeard(RenderBatch batch, FaceLayout layout, Tensor face, Tensor hair)
    {
        if (!batch.Any(s => s.Identity[IdentityGene.BeardStyle] >= NoBeardBelow))
        {
            return;
        }
        Tensor Style(double low, double high) =>
            batch.Flag(s => s.Identity[IdentityGene.BeardStyle] >= low && s.Identity[IdentityGene.BeardStyle] < high);
        var stubble = Style(NoBeardBelow, 0.7);
        var moustacheOnly = Style(0.7, 0.8);
        var goatee = Style(0.8, 0.9);
        var full = Style(0.9, 1.0);

        var jawLine = 0.71 - 0.15 * (batch.X / layout.HalfWidth).square();
        var jaw = SoftShapes.Inside(jawLine - batch.Y, 2 * batch.Pixel) * face;
        var lipGap = (layout.NoseTipY + layout.MouthY) / 2;
        var moustache = SoftShapes.Inside(SoftShapes.Intersect((batch.Y - lipGap - 0.012).abs() - 0.022, batch.X.abs() - layout.MouthHalfWidth - 0.02), batch.Pixel);
        var chin = SoftShapes.Inside(SoftShapes.Ellipse(batch.X, batch.Y - layout.MouthY - 0.085, layout.MouthHalfWidth * 0.6, batch.Value(_ => 0.075)), batch.Pixel);
        var coverage = (stubble * 0.35 * jaw + (moustacheOnly + goatee) * moustache + goatee * chin + full * jaw).clamp(0, 1);
        var density = batch.Gene(IdentityGene.BeardDensity, 0.65, 0.95);
        batch.Paint(hair * 0.8, coverage * density);
    }

    private static bool HasMole(FaceSample sample, IdentityGene presence) => sample.Identity[presence] < 0.45;
}
