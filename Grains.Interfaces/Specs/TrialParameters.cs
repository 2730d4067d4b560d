using System.Globalization;

namespace FaceKdGrid.Grains.Specs;

/// <summary>The resolved value of every search-space key for one student trial.</summary>
[GenerateSerializer, Immutable, Alias("fkd.TrialParameters")]
public sealed record TrialParameters
{
    [Id(0)] public double CompressionRatio { get; init; } = 4;

    [Id(1)] public AugmentationMethod AugMethod { get; init; } = AugmentationMethod.Replacement;

    [Id(2)] public double AugStrength { get; init; } = 0.5;

    [Id(3)] public FaceRegionChoice AugRegion { get; init; } = FaceRegionChoice.Any;

    [Id(4)] public DistillationLoss Loss { get; init; } = DistillationLoss.IndirectFeature;

    [Id(5)] public double LossTemperature { get; init; } = 4;

    /// <summary>Weight of the feature term when <see cref="Loss"/> is indirect+feature.</summary>
    [Id(6)] public double LossFeatureWeight { get; init; } = 1;

    [Id(7)] public double Lr { get; init; } = 0.05;

    [Id(8)] public int Epochs { get; init; } = 6;

    [Id(9)] public int BatchSize { get; init; } = 64;

    [Id(10)] public int Seed { get; init; }

    /// <summary>Teacher embeddings kept as negatives when <see cref="Loss"/> is contrastive (0: in-batch only).</summary>
    [Id(11)] public int LossQueueSize { get; init; } = 4096;

    /// <summary>The InfoNCE temperature when <see cref="Loss"/> is contrastive.</summary>
    [Id(12)] public double LossContrastiveTemperature { get; init; } = 0.07;

    /// <summary>Builds the parameters from one spelled value per key; keys left out take their defaults.</summary>
    public static TrialParameters FromValues(IReadOnlyDictionary<string, string> values)
    {
        string Text(string key) => values.TryGetValue(key, out var text) ? text : SearchKeys.Find(key)!.Default;
        double Real(string key) => double.Parse(Text(key), NumberStyles.Float, CultureInfo.InvariantCulture);
        int Whole(string key) => int.Parse(Text(key), NumberStyles.Integer, CultureInfo.InvariantCulture);
        T Named<T>(NameTable<T> table, string key)
            where T : struct, Enum =>
            table.TryParse(Text(key), out var value)
                ? value
                : throw new ArgumentException($"{key}: '{Text(key)}' is not one of {string.Join(", ", table.Names)}", nameof(values));

        return new TrialParameters
        {
            CompressionRatio = Real(SearchKeys.CompressionRatio),
            AugMethod = Named(SpecNames.AugmentationMethods, SearchKeys.AugMethod),
            AugStrength = Real(SearchKeys.AugStrength),
            AugRegion = Named(SpecNames.FaceRegions, SearchKeys.AugRegion),
            Loss = Named(SpecNames.Losses, SearchKeys.Loss),
            LossTemperature = Real(SearchKeys.LossTemperature),
            LossFeatureWeight = Real(SearchKeys.LossFeatureWeight),
            LossQueueSize = Whole(SearchKeys.LossQueueSize),
            LossContrastiveTemperature = Real(SearchKeys.LossContrastiveTemperature),
            Lr = Real(SearchKeys.Lr),
            Epochs = Whole(SearchKeys.Epochs),
            BatchSize = Whole(SearchKeys.BatchSize),
            Seed = Whole(SearchKeys.Seed),
        };
    }

    /// <summary>Every key with its value as the spec spells it (numbers as numbers), in canonical key order.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> ToNamedValues() =>
    [
        new(SearchKeys.CompressionRatio, CompressionRatio),
        new(SearchKeys.AugMethod, SpecNames.AugmentationMethods.NameOf(AugMethod)),
        new(SearchKeys.AugStrength, AugStrength),
        new(SearchKeys.AugRegion, SpecNames.FaceRegions.NameOf(AugRegion)),
        new(SearchKeys.Loss, SpecNames.Losses.NameOf(Loss)),
        new(SearchKeys.LossTemperature, LossTemperature),
        new(SearchKeys.LossFeatureWeight, LossFeatureWeight),
        new(SearchKeys.LossQueueSize, LossQueueSize),
        new(SearchKeys.LossContrastiveTemperature, LossContrastiveTemperature),
        new(SearchKeys.Lr, Lr),
        new(SearchKeys.Epochs, Epochs),
        new(SearchKeys.BatchSize, BatchSize),
        new(SearchKeys.Seed, Seed),
    ];
}
