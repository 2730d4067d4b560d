using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Synth;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Synth;

public sealed class SynthFaceDifficultyTests
{
    public SynthFaceDifficultyTests() => TorchRuntime.Initialise(cpuThreads: 1);

    /// <summary>
    /// The discriminating-default requirement: on the Standard level raw pixels must not verify faces well, so that
    /// methods are compared on what they learned about identity rather than on colour and layout.
    /// </summary>
    [Fact]
    public void RawPixelsScoreAtMostSixtyFivePercentOnTheStandardLevel()
    {
        var generator = new SynthFaceGenerator(new SynthFaceOptions(32, SynthFaceDifficulty.Standard, seed: 11));
        using var pairs = generator.RenderVerification(10_000, 150, pairsPerFold: 40, foldCount: 10);

        var raw = RawPixelBaseline.Evaluate(pairs);

        Assert.InRange(raw.Accuracy, 0.5, 0.65);
    }

    [Fact]
    public void EasyIsEasierThanHardForRawPixels()
    {
        var easy = RawPixels(SynthFaceDifficulty.Easy);
        var hard = RawPixels(SynthFaceDifficulty.Hard);

        Assert.True(easy > hard + 0.03, $"raw-pixel accuracy easy {easy:F3}, hard {hard:F3}");
    }

    private static double RawPixels(SynthFaceDifficulty difficulty)
    {
        var generator = new SynthFaceGenerator(new SynthFaceOptions(32, difficulty, seed: 12));
        using var pairs = generator.RenderVerification(10_000, 150, pairsPerFold: 30, foldCount: 10);
        return RawPixelBaseline.Evaluate(pairs).Accuracy;
    }
}
