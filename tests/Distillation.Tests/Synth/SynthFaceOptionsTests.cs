using FaceKdGrid.Distillation.Synth;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Synth;

public sealed class SynthFaceOptionsTests
{
    [Fact]
    public void DefaultsAreStandardDifficultyAt112Pixels()
    {
        var options = new SynthFaceOptions();

        Assert.Equal(112, options.ImageSize);
        Assert.Same(SynthFaceDifficulty.Standard, options.Difficulty);
        Assert.Equal(0.5, options.HardNegativeFraction);
    }

    [Theory]
    [InlineData("easy")]
    [InlineData("Standard")]
    [InlineData(" HARD ")]
    public void DifficultyParsesItsPresetNamesInAnyCase(string name)
    {
        Assert.Equal(name.Trim().ToLowerInvariant(), SynthFaceDifficulty.Parse(name).Name);
    }

    [Fact]
    public void PresetsGrowHarder()
    {
        SynthFaceDifficulty[] levels = [SynthFaceDifficulty.Easy, SynthFaceDifficulty.Standard, SynthFaceDifficulty.Hard];

        for (var i = 1; i < levels.Length; i++)
        {
            Assert.True(levels[i].ColourJitter > levels[i - 1].ColourJitter);
            Assert.True(levels[i].OcclusionProbability > levels[i - 1].OcclusionProbability);
            Assert.True(levels[i].MaxRotationDegrees > levels[i - 1].MaxRotationDegrees);
            Assert.True(levels[i].IdentitySpread <= levels[i - 1].IdentitySpread);
        }
    }

    [Fact]
    public void BadValuesAreRejectedNamingTheParameter()
    {
        Assert.Equal("imageSize", Assert.Throws<ArgumentOutOfRangeException>(() => new SynthFaceOptions(imageSize: 8)).ParamName);
        Assert.Equal("hardNegativeFraction", Assert.Throws<ArgumentOutOfRangeException>(() => new SynthFaceOptions(hardNegativeFraction: 1.5)).ParamName);
        Assert.Equal("hardNegativeFraction", Assert.Throws<ArgumentOutOfRangeException>(() => new SynthFaceOptions(hardNegativeFraction: double.NaN)).ParamName);
        Assert.Equal("imageSize", Assert.Throws<ArgumentOutOfRangeException>(() => new SynthFaceOptions() with { ImageSize = 4096 }).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => SynthFaceDifficulty.Parse("medium")).ParamName);
        Assert.Equal("MaxBlur", Assert.Throws<ArgumentOutOfRangeException>(() => SynthFaceDifficulty.Standard with { MaxBlur = -0.1 }).ParamName);
        Assert.Equal("IdentitySpread", Assert.Throws<ArgumentOutOfRangeException>(() => SynthFaceDifficulty.Hard with { IdentitySpread = 0 }).ParamName);
    }
}
