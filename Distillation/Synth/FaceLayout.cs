using FaceKdGrid.Distillation.Data;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Synth;

/// <summary>
/// Each image's head outline and landmark positions in its face frame, as [B, 1, 1] tensors. The landmarks vary
/// by identity around the ArcFace template (<see cref="AlignedFaceLayout"/>), so after the small per-image pose the
/// eyes, nose tip and mouth corners still sit where region augmentations expect them.
/// </summary>
internal sealed class FaceLayout
{
    /// <summary>The face is widest at this height (cheekbones).</summary>
    public const double CheekY = 0.52;

    private static readonly double TemplateEyeHalfSpacing = (AlignedFaceLayout.RightEyeCentre.X - AlignedFaceLayout.LeftEyeCentre.X) / 2;
    private static readonly double TemplateEyeY = (AlignedFaceLayout.RightEyeCentre.Y + AlignedFaceLayout.LeftEyeCentre.Y) / 2;
    private static readonly double TemplateMouthHalfWidth = (AlignedFaceLayout.MouthRightCorner.X - AlignedFaceLayout.MouthLeftCorner.X) / 2;
    private static readonly double TemplateMouthY = (AlignedFaceLayout.MouthRightCorner.Y + AlignedFaceLayout.MouthLeftCorner.Y) / 2;

    public FaceLayout(RenderBatch batch)
    {
        HalfWidth = batch.Gene(IdentityGene.FaceWidth, 0.33, 0.41);
        CrownY = batch.Gene(IdentityGene.CrownHeight, 0.0, 0.08);
        ChinY = batch.Gene(IdentityGene.ChinLength, 0.93, 1.03);
        JawTaper = batch.Gene(IdentityGene.JawTaper, 0.15, 0.45);
        Roundness = batch.Gene(IdentityGene.FaceRoundness, 2.0, 3.2);
        EyeX = batch.Gene(IdentityGene.EyeSpacing, TemplateEyeHalfSpacing - 0.022, TemplateEyeHalfSpacing + 0.022);
        EyeY = batch.Gene(IdentityGene.EyeHeight, TemplateEyeY - 0.02, TemplateEyeY + 0.02);
        EyeHalfWidth = batch.Gene(IdentityGene.EyeWidth, 0.042, 0.068);
        NoseTipY = batch.Gene(IdentityGene.NoseTip, AlignedFaceLayout.NoseTip.Y - 0.025, AlignedFaceLayout.NoseTip.Y + 0.025);
        NoseHalfWidth = batch.Gene(IdentityGene.NoseWidth, 0.032, 0.058);
        MouthY = batch.Gene(IdentityGene.MouthHeight, TemplateMouthY - 0.022, TemplateMouthY + 0.022);
        MouthHalfWidth = batch.Gene(IdentityGene.MouthWidth, TemplateMouthHalfWidth - 0.03, TemplateMouthHalfWidth + 0.025);
        FaceDistance = OutlineDistance(batch);
    }

    public Tensor HalfWidth { get; }

    public Tensor CrownY { get; }

    public Tensor ChinY { get; }

    public Tensor JawTaper { get; }

    public Tensor Roundness { get; }

    /// <summary>Horizontal distance of each eye centre from the midline.</summary>
    public Tensor EyeX { get; }

    public Tensor EyeY { get; }

    public Tensor EyeHalfWidth { get; }

    public Tensor NoseTipY { get; }

    public Tensor NoseHalfWidth { get; }

    /// <summary>Height of the line between the lips at rest.</summary>
    public Tensor MouthY { get; }

    public Tensor MouthHalfWidth { get; }

    /// <summary>Signed distance to the face outline [B, S, S] (negative inside).</summary>
    public Tensor FaceDistance { get; }

    /// <summary>
    /// A superellipse whose upper half reaches the crown and lower half the chin, narrowing towards the jaw.
    /// </summary>
    private Tensor OutlineDistance(RenderBatch batch)
    {
        var above = batch.Y.lt(CheekY);
        var v = (batch.Y - CheekY) / where(above, CheekY - CrownY, ChinY - CheekY);
        var width = HalfWidth * (1 - JawTaper * v.clamp(0, 1).pow(1.6));
        var sum = (batch.X / width).abs_().pow(Roundness) + v.abs().pow(Roundness);
        return (sum.pow(Roundness.reciprocal()) - 1) * HalfWidth;
    }
}
