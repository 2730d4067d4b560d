using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Synth;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Synth;

public sealed class SynthFaceLook
{
    [Fact]
    [Trait("Category", "Tuning")]
    public void Look()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        var calm = SynthFaceDifficulty.Easy with { Name = "calm", ColourJitter = 0, LightingStrength = 0, OcclusionProbability = 0, MaxBlur = 0, MaxNoise = 0, BackgroundClutter = 0, MaxRotationDegrees = 0, MaxShift = 0, MaxScaleChange = 0, MaxYaw = 0 };
        var generator = new SynthFaceGenerator(new SynthFaceOptions(256, calm, seed: 1));
        using var faces = generator.RenderLabeled(0, 8, 1);
        ContactSheet.Write(faces.Images, "/tmp/synth/look.png", 4);
    }
}
