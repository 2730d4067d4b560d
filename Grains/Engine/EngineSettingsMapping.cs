using FaceKdGrid.Distillation.Augmentation;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Trials;
using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Engine;

/// <summary>
/// How each search key's value enters the engine's <see cref="DistillationSettings"/>: the one place the spec's
/// vocabulary meets the engine's. The engine's own constructors and <c>Validate</c> decide what is valid, so
/// <see cref="Problem"/> lets submission refuse a value the engine would refuse, in the key's name.
/// </summary>
public static class EngineSettingsMapping
{
    private static readonly IReadOnlyDictionary<SearchKey, Func<DistillationSettings, string, DistillationSettings>> Apply =
        new Dictionary<SearchKey, Func<DistillationSettings, string, DistillationSettings>>
        {
            [SearchKeys.CompressionRatio] = Bind(SearchKeys.CompressionRatio, (s, ratio) => s with { CompressionRatio = ratio }),
            [SearchKeys.AugMethod] = Bind(SearchKeys.AugMethod, (s, method) => s with
            {
                Augmentation = new AugmentationSettings(AugmentationNames.ParseMethod(method), s.Augmentation.Strength, s.Augmentation.Region),
            }),
            [SearchKeys.AugStrength] = Bind(SearchKeys.AugStrength, (s, strength) => s with
            {
                Augmentation = new AugmentationSettings(s.Augmentation.Method, strength, s.Augmentation.Region),
            }),
            [SearchKeys.AugRegion] = Bind(SearchKeys.AugRegion, (s, region) => s with
            {
                Augmentation = new AugmentationSettings(s.Augmentation.Method, s.Augmentation.Strength, AugmentationNames.ParseRegion(region)),
            }),
            [SearchKeys.Loss] = Bind(SearchKeys.Loss, (s, loss) => s with { Loss = s.Loss with { Kind = KdLossKindNames.Parse(loss) } }),
            [SearchKeys.LossTemperature] = Bind(SearchKeys.LossTemperature, (s, t) => s with { Loss = s.Loss with { Temperature = t } }),
            [SearchKeys.LossFeatureWeight] = Bind(SearchKeys.LossFeatureWeight, (s, w) => s with { Loss = s.Loss with { FeatureWeight = w } }),
            [SearchKeys.LossQueueSize] = Bind(SearchKeys.LossQueueSize, (s, size) => s with { Loss = s.Loss with { QueueSize = size } }),
            [SearchKeys.LossContrastiveTemperature] = Bind(SearchKeys.LossContrastiveTemperature,
                (s, t) => s with { Loss = s.Loss with { ContrastiveTemperature = t } }),
            [SearchKeys.Lr] = Bind(SearchKeys.Lr, (s, lr) => s with { Training = s.Training with { LearningRate = lr } }),
            [SearchKeys.Epochs] = Bind(SearchKeys.Epochs, (s, epochs) => s with { Training = s.Training with { Epochs = epochs } }),
            [SearchKeys.BatchSize] = Bind(SearchKeys.BatchSize, (s, size) => s with { Training = s.Training with { BatchSize = size } }),
            [SearchKeys.Seed] = Bind(SearchKeys.Seed, (s, seed) => s with { Training = s.Training with { Seed = seed } }),
        };

    /// <summary>The keys the engine maps; a test holds this equal to <see cref="SearchKeys.All"/>.</summary>
    public static IEnumerable<SearchKey> MappedKeys => Apply.Keys;

    /// <summary>The engine settings of one trial, validated by the engine.</summary>
    public static DistillationSettings SettingsOf(TrialParameters parameters) =>
        SearchKeys.All.Aggregate(new DistillationSettings(), (settings, key) => Apply[key](settings, parameters.Text(key))).Validate();

    /// <summary>
    /// Null when the engine accepts <paramref name="canonical"/> (a value the key itself accepts) for
    /// <paramref name="key"/> with every other key at its default, else the engine's reason.
    /// </summary>
    public static string? Problem(SearchKey key, string canonical)
    {
        var parameters = TrialParameters.Defaults.With(key, canonical);
        try
        {
            SettingsOf(parameters);
            return null;
        }
        catch (ArgumentException refused)
        {
            return EngineRefusal.Describe(refused);
        }
    }

    private static Func<DistillationSettings, string, DistillationSettings> Bind<T>(SearchKey<T> key, Func<DistillationSettings, T, DistillationSettings> apply) =>
        (settings, text) => apply(settings, key.Read(text));
}
