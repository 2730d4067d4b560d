using System.Globalization;
using FaceKdGrid.Distillation.Augmentation;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Grains.Engine;
using FaceKdGrid.Grains.Specs;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Engine;

/// <summary>The search-key table and the engine agree: every key is mapped, and what a key declares valid the engine accepts.</summary>
public sealed class EngineSettingsMappingTests
{
    public static TheoryData<string> KeyNames => [.. SearchKeys.All.Select(key => key.Name)];

    [Fact]
    public void EverySearchKeyHasExactlyOneEngineMapping()
    {
        Assert.Equal(SearchKeys.All.Select(key => key.Name).Order(), EngineSettingsMapping.MappedKeys.Select(key => key.Name).Order());
    }

    [Theory]
    [MemberData(nameof(KeyNames))]
    public void TheEngineAcceptsEveryValueTheKeyDeclaresValid(string name)
    {
        var key = SearchKeys.Find(name)!;
        IEnumerable<string> values = key.ValueType == SearchValueType.Category
            ? key.Categories
            : new[] { key.Default, key.Minimum is { } low && !key.MinimumIsExclusive ? Text(low) : null, key.Maximum is { } high ? Text(high) : null }.OfType<string>();

        foreach (var value in values)
        {
            Assert.Null(EngineSettingsMapping.Problem(key, key.Canonical(value)));
        }
    }

    [Fact]
    public void TheKeysDefaultsAreTheEnginesDefaults()
    {
        Assert.Equal(new StudentTrialInputs(), EngineSettingsMapping.InputsOf(TrialParameters.Defaults));
    }

    [Fact]
    public void CategoryNamesAreTheEnginesNames()
    {
        Assert.Equal(KdLossKindNames.Names.Order(), SearchKeys.Loss.Categories.Order());
        Assert.Equal(AugmentationNames.MethodNames.Order(), SearchKeys.AugMethod.Categories.Order());
        Assert.Equal(AugmentationNames.RegionNames.Order(), SearchKeys.AugRegion.Categories.Order());
    }

    [Fact]
    public void TrialParametersMapOntoTheEnginesSettings()
    {
        var parameters = TrialParameters.FromValues(new Dictionary<string, string>
        {
            ["compression_ratio"] = "8", ["aug.method"] = "CutMix", ["aug.strength"] = "0.25", ["loss"] = "feature", ["lr"] = "0.1",
            ["epochs"] = "3", ["batch_size"] = "16", ["seed"] = "5", ["loss.queue_size"] = "128", ["data.synthface.zipf"] = "0",
        });

        var inputs = EngineSettingsMapping.InputsOf(parameters);
        var settings = inputs.Settings;

        Assert.Equal(8, settings.CompressionRatio);
        Assert.Equal(new AugmentationSettings(AugmentationMethod.CutMix, 0.25, FaceRegion.AnyFixed), settings.Augmentation);
        Assert.Equal(KdLossKind.Feature, settings.Loss.Kind);
        Assert.Equal(128, settings.Loss.QueueSize);
        Assert.Equal((0.1, 3, 16, 5L), (settings.Training.LearningRate, settings.Training.Epochs, settings.Training.BatchSize, settings.Training.Seed));
        Assert.Equal(0, inputs.PoolZipf);
    }

    [Fact]
    public void AOneEpochTeacherIsAcceptedByTheEngine()
    {
        var settings = TeacherTrainingMapping.SettingsOf(new TeacherSpec { Kind = TeacherKind.Train, Epochs = 1 });

        settings.Training.Validate();
        Assert.Empty(EngineSpecCheck.Validate(new SweepSpec
        {
            Name = "one-epoch",
            Teacher = new TeacherSpec { Kind = TeacherKind.Train, Epochs = 1 },
            SearchSpace = new SearchSpaceSpec { Parameters = [new SearchParameter { Key = "compression_ratio", Domain = SearchDomain.Fixed("4") }] },
        }));
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
