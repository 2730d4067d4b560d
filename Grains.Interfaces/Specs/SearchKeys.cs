namespace FaceKdGrid.Grains.Specs;

/// <summary>
/// Every key a search space accepts, in the canonical order that fixes trial expansion (the first grid key varies
/// slowest).
/// </summary>
public static class SearchKeys
{
    public const string CompressionRatio = "compression_ratio";
    public const string AugMethod = "aug.method";
    public const string AugStrength = "aug.strength";
    public const string AugRegion = "aug.region";
    public const string Loss = "loss";
    public const string LossTemperature = "loss.temperature";
    public const string LossFeatureWeight = "loss.feature_weight";
    public const string LossQueueSize = "loss.queue_size";
    public const string LossContrastiveTemperature = "loss.contrastive_temperature";
    public const string Lr = "lr";
    public const string Epochs = "epochs";
    public const string BatchSize = "batch_size";
    public const string Seed = "seed";

    public static IReadOnlyList<SearchKey> All { get; } =
    [
        // Teacher parameters / student parameters: below 1 the student would be the larger network.
        new(CompressionRatio, SearchValueType.Real, "4", [], Minimum: 1, MinimumIsExclusive: true),
        new(AugMethod, SearchValueType.Category, "replacement", [.. SpecNames.AugmentationMethods.Names]),
        new(AugStrength, SearchValueType.Real, "0.5", [], Minimum: 0, Maximum: 1),
        new(AugRegion, SearchValueType.Category, "any", [.. SpecNames.FaceRegions.Names]),
        new(Loss, SearchValueType.Category, "indirect+feature", [.. SpecNames.Losses.Names]),
        new(LossTemperature, SearchValueType.Real, "4", [], Minimum: 0, MinimumIsExclusive: true),
        new(LossFeatureWeight, SearchValueType.Real, "1", [], Minimum: 0),
        new(LossQueueSize, SearchValueType.Integer, "4096", [], Minimum: 0),
        new(LossContrastiveTemperature, SearchValueType.Real, "0.07", [], Minimum: 0, MinimumIsExclusive: true),
        new(Lr, SearchValueType.Real, "0.05", [], Minimum: 0, MinimumIsExclusive: true),
        new(Epochs, SearchValueType.Integer, "6", [], Minimum: 1),
        new(BatchSize, SearchValueType.Integer, "64", [], Minimum: 1),
        new(Seed, SearchValueType.Integer, "0", [], Minimum: 0),
    ];

    public static SearchKey? Find(string name) => All.FirstOrDefault(key => key.Name == name);
}
