using FaceKdGrid.Distillation.Augmentation;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Augmentation;

public sealed class AugmentationSettingsTests
{
    [Theory]
    [InlineData("none", AugmentationMethod.None)]
    [InlineData("replacement", AugmentationMethod.ContentReplacement)]
    [InlineData(" CutOut ", AugmentationMethod.Cutout)]
    [InlineData("cutmix", AugmentationMethod.CutMix)]
    public void MethodNamesParseAndRoundTrip(string name, AugmentationMethod expected)
    {
        var method = AugmentationNames.ParseMethod(name);
        Assert.Equal(expected, method);
        Assert.Equal(name.Trim().ToLowerInvariant(), AugmentationNames.NameOf(method));
    }

    [Theory]
    [InlineData("eyes", FaceRegion.EyesBand)]
    [InlineData("nose", FaceRegion.Nose)]
    [InlineData("mouth", FaceRegion.Mouth)]
    [InlineData("upper", FaceRegion.UpperHalf)]
    [InlineData("lower", FaceRegion.LowerHalf)]
    [InlineData("random", FaceRegion.RandomPart)]
    [InlineData("ANY", FaceRegion.AnyFixed)]
    public void RegionNamesParseAndRoundTrip(string name, FaceRegion expected)
    {
        var region = AugmentationNames.ParseRegion(name);
        Assert.Equal(expected, region);
        Assert.Equal(name.ToLowerInvariant(), AugmentationNames.NameOf(region));
    }

    [Fact]
    public void UnknownNamesListTheValidOnes()
    {
        var method = Assert.Throws<ArgumentException>(() => AugmentationNames.ParseMethod("mixup"));
        Assert.Equal("name", method.ParamName);
        Assert.Contains("none, replacement, cutout, cutmix", method.Message);

        var region = Assert.Throws<ArgumentException>(() => AugmentationSettings.FromNames("replacement", 0.5, "ears"));
        Assert.Equal("region", region.ParamName);
        Assert.Contains("eyes, nose, mouth, upper, lower, random, any", region.Message);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void StrengthOutsideTheUnitIntervalIsRejected(double strength)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AugmentationSettings(AugmentationMethod.Cutout, strength));
        Assert.Equal("Strength", error.ParamName);
        Assert.Contains("[0, 1]", error.Message);
    }

    [Fact]
    public void UndefinedEnumValuesAreRejectedByName()
    {
        var region = Assert.Throws<ArgumentOutOfRangeException>(() => new AugmentationSettings(AugmentationMethod.ContentReplacement, 0.5, (FaceRegion)42));
        Assert.Equal("Region", region.ParamName);
        var method = Assert.Throws<ArgumentOutOfRangeException>(() => new AugmentationSettings((AugmentationMethod)42, 0.5));
        Assert.Equal("Method", method.ParamName);
    }

    [Theory]
    [InlineData("replacement", 0.5, "eyes", "replacement-eyes-0.50")]
    [InlineData("replacement", 1, "any", "replacement-any-1.00")]
    [InlineData("replacement", 0.125, "random", "replacement-random-0.125")]
    [InlineData("cutout", 0.25, "mouth", "cutout-0.25")]
    [InlineData("cutmix", 0, "any", "cutmix-0.00")]
    [InlineData("none", 0.7, "nose", "none")]
    public void KeysAreStableAndNameOnlyWhatMatters(string method, double strength, string region, string expected)
    {
        Assert.Equal(expected, AugmentationSettings.FromNames(method, strength, region).Key);
    }

    [Fact]
    public void StrengthMapsToProbabilityAndBoxSizes()
    {
        var settings = new AugmentationSettings(AugmentationMethod.ContentReplacement, 0.4);
        Assert.Equal(0.4, settings.Probability);
        Assert.Equal(0.95, settings.RegionScale, 12);
        Assert.Equal(0.35, settings.CutoutSide, 12);
        Assert.Equal(0.4, settings.CutMixMaxArea);
    }

    [Theory]
    [InlineData(AugmentationMethod.None, typeof(NoAugmentation))]
    [InlineData(AugmentationMethod.ContentReplacement, typeof(ContentReplacement))]
    [InlineData(AugmentationMethod.Cutout, typeof(Cutout))]
    [InlineData(AugmentationMethod.CutMix, typeof(CutMix))]
    public void FactoryBuildsTheNamedMethod(AugmentationMethod method, Type expected)
    {
        Assert.IsType(expected, AugmentationFactory.Create(new AugmentationSettings(method, 0.5)));
    }
}
