using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Synth;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Synth;

public sealed class SynthFaceLayoutTests
{
    private const int Size = 112;

    /// <summary>No pose, colour, light, occlusion or camera nuisance: only identity moves the parts.</summary>
    private static readonly SynthFaceDifficulty Calm = SynthFaceDifficulty.Easy with
    {
        Name = "calm",
        MaxRotationDegrees = 0,
        MaxShift = 0,
        MaxScaleChange = 0,
        MaxYaw = 0,
        ColourJitter = 0,
        LightingStrength = 0,
        OcclusionProbability = 0,
        BackgroundClutter = 0,
        MaxBlur = 0,
        MaxNoise = 0,
    };

    public SynthFaceLayoutTests() => TorchRuntime.Initialise(cpuThreads: 1);

    /// <summary>
    /// Averaged over people, the eyes are dark spots on the ArcFace eye points and the mouth is a red line through
    /// its corners, so region augmentations (eyes band, nose, mouth) cut the parts they name.
    /// </summary>
    [Fact]
    public void EyesAndMouthSitOnTheArcFaceTemplate()
    {
        using var faces = new SynthFaceGenerator(new SynthFaceOptions(Size, Calm, seed: 13)).RenderLabeled(0, 24, 1);
        using var mean = faces.Images.to_type(ScalarType.Float32).mean([0]);
        using var luminance = mean.mean([0]);

        foreach (var eye in new[] { AlignedFaceLayout.LeftEyeCentre, AlignedFaceLayout.RightEyeCentre })
        {
            var atEye = At(luminance, eye.X, eye.Y);
            Assert.True(atEye < At(luminance, eye.X, eye.Y + 0.08) - 20, "eye darker than the cheek below it");
            Assert.True(atEye < At(luminance, 0.5, eye.Y) - 20, "eye darker than the bridge of the nose");
        }
        var mouthY = (AlignedFaceLayout.MouthLeftCorner.Y + AlignedFaceLayout.MouthRightCorner.Y) / 2;
        Assert.True(Redness(mean, 0.5, mouthY) > Redness(mean, 0.5, mouthY - 0.07) + 15, "lips redder than the skin above them");
        Assert.True(Redness(mean, AlignedFaceLayout.MouthLeftCorner.X + 0.03, mouthY) > Redness(mean, AlignedFaceLayout.MouthLeftCorner.X - 0.08, mouthY),
            "the lips reach towards the left corner and stop beyond it");
    }

    private static double At(Tensor plane, double x, double y) => plane[(int)(y * Size), (int)(x * Size)].item<float>();

    private static double Redness(Tensor rgb, double x, double y) =>
        rgb[0, (int)(y * Size), (int)(x * Size)].item<float>() - rgb[1, (int)(y * Size), (int)(x * Size)].item<float>();
}
