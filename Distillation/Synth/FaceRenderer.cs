using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Synth;

/// <summary>
/// Renders a batch of faces on tensors: every part is a soft mask from the coordinate grids, composited in float,
/// back to front, then the camera effects. All intermediate tensors belong to the caller's dispose scope.
/// </summary>
internal sealed class FaceRenderer(int size, Device device, SynthFaceDifficulty difficulty)
{
    /// <summary>uint8 [B, 3, S, S] on the CPU.</summary>
    public Tensor Render(IReadOnlyList<FaceSample> samples)
    {
        var batch = new RenderBatch(samples, size, device, difficulty.IdentitySpread);
        var layout = new FaceLayout(batch);
        var skin = HeadPainter.SkinColour(batch);
        var hair = HairPainter.HairColour(batch);

        ScenePainter.PaintBackground(batch);
        HeadPainter.PaintClothes(batch);
        HairPainter.PaintBack(batch, layout, hair);
        HeadPainter.PaintNeckAndEars(batch, layout, skin);
        var face = HeadPainter.PaintFace(batch, layout, skin);
        HeadPainter.PaintBeard(batch, layout, face, hair);
        FeaturePainter.PaintNose(batch, layout, skin);
        FeaturePainter.PaintMouth(batch, layout);
        FeaturePainter.PaintEyes(batch, layout, skin);
        FeaturePainter.PaintBrows(batch, layout, hair);
        HairPainter.PaintFront(batch, layout, hair);
        HairPainter.PaintBangs(batch, layout, hair);
        AccessoryPainter.PaintEyewear(batch, layout);
        AccessoryPainter.PaintHand(batch, skin);
        AccessoryPainter.PaintPatch(batch);

        ScenePainter.ApplyLight(batch);
        ScenePainter.ApplyBlur(batch, difficulty.MaxBlur);
        ScenePainter.ApplyNoise(batch);
        return batch.Canvas.clamp(0, 1).mul_(255).round_().to_type(ScalarType.Byte).cpu();
    }
}
