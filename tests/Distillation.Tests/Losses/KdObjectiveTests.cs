using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Losses;

public sealed class KdObjectiveTests
{
    public KdObjectiveTests()
    {
        TorchRuntime.Initialise(cpuThreads: 1);
    }

    /// <summary>s = 4, T = 2 on the example of <see cref="IndirectKdLossTests"/>, where the indirect term is 6.09275.</summary>
    private static readonly KdLossSettings HandWorked = new KdLossSettings(KdLossKind.IndirectFeature, Temperature: 2, FeatureWeight: 0.25) with
    {
        Scale = 4,
        IndirectWeight = 0.5,
    };

    [Fact]
    public void IndirectPlusFeatureIsTheWeightedSumOfItsTerms()
    {
        using var prototypes = torch.eye(2);
        using var objective = new KdObjective(HandWorked, prototypes);
        using var teacher = torch.tensor(new float[] { 1, 0 }).reshape(1, 2);
        using var student = torch.tensor(new float[] { 0, 1 }).reshape(1, 2).requires_grad_();

        var terms = objective.call(student, teacher);
        terms.Total.backward();

        // Indirect: 6.09275; feature: 1 - cos 90 degrees = 1. Total 0.5 x 6.09275 + 0.25 x 1 = 3.29638; the terms unweighted.
        Assert.Equal(6.09275, terms.Indirect!.item<float>(), 4);
        Assert.Equal(1, terms.Feature!.item<float>(), 5);
        Assert.Equal(3.29638, terms.Total.item<float>(), 4);
        Assert.NotNull(student.grad);
    }

    [Fact]
    public void IndirectAloneIsWeightedToo()
    {
        using var prototypes = torch.eye(2);
        using var objective = new KdObjective(HandWorked with { Kind = KdLossKind.Indirect }, prototypes);
        using var teacher = torch.tensor(new float[] { 1, 0 }).reshape(1, 2);
        using var student = torch.tensor(new float[] { 0, 1 }).reshape(1, 2);

        var terms = objective.call(student, teacher);

        Assert.Null(terms.Feature);
        Assert.Equal(6.09275, terms.Indirect!.item<float>(), 4);
        Assert.Equal(0.5 * 6.09275, terms.Total.item<float>(), 4);
    }

    [Fact]
    public void FeatureKindNeedsNoPrototypesAndHasOnlyThatTerm()
    {
        using var objective = new KdObjective(new KdLossSettings(KdLossKind.Feature));
        using var teacher = torch.tensor(new float[] { 1, 0 }).reshape(1, 2);
        using var student = torch.tensor(new float[] { 1, 1 }).reshape(1, 2);

        var terms = objective.call(student, teacher);

        Assert.Null(terms.Indirect);
        Assert.Equal(1 - 1 / Math.Sqrt(2), terms.Total.item<float>(), 5);
        Assert.Equal(terms.Total.item<float>(), terms.Feature!.item<float>());
    }

    [Fact]
    public void MovingTheObjectiveMovesItsPrototypes()
    {
        // A dtype move takes the same path as a device move: the registered prototype buffer must follow.
        using var prototypes = torch.eye(2);
        using var objective = new KdObjective(HandWorked with { Kind = KdLossKind.Indirect, IndirectWeight = 1 }, prototypes);
        objective.to(torch.float64);
        using var teacher = torch.tensor(new double[] { 1, 0 }).reshape(1, 2);
        using var student = torch.tensor(new double[] { 0, 1 }).reshape(1, 2);

        var terms = objective.call(student, teacher);

        Assert.Equal(torch.float64, terms.Total.dtype);
        Assert.Equal(6.09275, terms.Total.item<double>(), 4);
    }

    [Theory]
    [InlineData(KdLossKind.Indirect)]
    [InlineData(KdLossKind.IndirectFeature)]
    public void IndirectKindsWithoutPrototypesSayWhatIsMissing(KdLossKind kind)
    {
        var error = Assert.Throws<ArgumentException>(() => new KdObjective(new KdLossSettings(kind)));
        Assert.Equal("prototypes", error.ParamName);
        Assert.Contains("needs a prototype bank", error.Message);
    }

    [Fact]
    public void SettingsAreValidated()
    {
        Assert.Equal("Temperature", Assert.Throws<ArgumentOutOfRangeException>(() => new KdLossSettings(KdLossKind.Indirect, Temperature: 0)).ParamName);
        Assert.Equal("Temperature", Assert.Throws<ArgumentOutOfRangeException>(() => new KdLossSettings(KdLossKind.Indirect, Temperature: double.NaN)).ParamName);
        Assert.Equal("FeatureWeight", Assert.Throws<ArgumentOutOfRangeException>(() => new KdLossSettings(KdLossKind.IndirectFeature, FeatureWeight: -1)).ParamName);
        Assert.Equal("Kind", Assert.Throws<ArgumentOutOfRangeException>(() => new KdLossSettings((KdLossKind)7)).ParamName);
        var settings = new KdLossSettings(KdLossKind.Feature);
        Assert.Equal("Temperature", Assert.Throws<ArgumentOutOfRangeException>(() => settings with { Temperature = -1 }).ParamName);
        Assert.False(settings.NeedsPrototypes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-64)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void TheScaleMustBeAFinitePositiveNumber(double scale)
    {
        var settings = new KdLossSettings(KdLossKind.Indirect);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => settings with { Scale = scale });

        Assert.Equal("Scale", error.ParamName);
        Assert.Contains("Scale must be a finite number greater than 0", error.Message);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void TheIndirectWeightMustBeAFiniteNumberNotBelowZero(double weight)
    {
        var settings = new KdLossSettings(KdLossKind.IndirectFeature);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => settings with { IndirectWeight = weight });

        Assert.Equal("IndirectWeight", error.ParamName);
        Assert.Contains("IndirectWeight must be a finite number >= 0", error.Message);
    }

    [Fact]
    public void DefaultsAreAnArcFaceScaleTheCalibratedIndirectWeightAndAUnitFeatureWeight()
    {
        var settings = new KdLossSettings(KdLossKind.IndirectFeature);

        Assert.Equal(64, settings.Scale);
        Assert.Equal(4, settings.Temperature);
        Assert.Equal(KdLossSettings.DefaultIndirectWeight, settings.IndirectWeight);
        Assert.Equal(1, settings.FeatureWeight);
        Assert.Equal(0, (settings with { IndirectWeight = 0 }).IndirectWeight);
    }

    [Theory]
    [InlineData("feature", KdLossKind.Feature)]
    [InlineData("indirect", KdLossKind.Indirect)]
    [InlineData(" Indirect+Feature ", KdLossKind.IndirectFeature)]
    [InlineData("contrastive", KdLossKind.Contrastive)]
    [InlineData("supervised", KdLossKind.Supervised)]
    public void SpecNamesParseAndRoundTrip(string name, KdLossKind expected)
    {
        var kind = KdLossKindNames.Parse(name);
        Assert.Equal(expected, kind);
        Assert.Equal(kind, KdLossKindNames.Parse(KdLossKindNames.ToName(kind)));
    }

    [Fact]
    public void TheSupervisedBaselineIsNoKdObjective()
    {
        var error = Assert.Throws<ArgumentException>(() => new KdObjective(new KdLossSettings(KdLossKind.Supervised)));

        Assert.Equal("settings", error.ParamName);
        Assert.Contains("ArcFace head", error.Message);
    }

    [Fact]
    public void UnknownSpecNamesListTheValidOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => KdLossKindNames.Parse("triplet"));
        Assert.Equal("name", error.ParamName);
        Assert.Contains("feature, indirect, indirect+feature, contrastive, supervised", error.Message);
    }
}
