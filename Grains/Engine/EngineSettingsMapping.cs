using FaceKdGrid.Distillation.Augmentation;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Trials;
using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Engine;

/// <summary>
/// How each search key's value enters the engine (<see cref="StudentTrialInputs"/>: the trial's
/// <see cref="DistillationSettings"/> and its pool's imbalance): the one place the spec's vocabulary meets the engine's. The engine's own constructors and <c>Validate</c> decide what is valid, so
/// <see cref="Problem"/> lets submission refuse a value the engine would refuse, in the key's name.
/// </summary>
public static class EngineSettingsMapping
{
    private static readonly IReadOnlyDictionary<SearchKey, Func<StudentTrialInputs, string, StudentTrialInputs>> Apply =
        new Dictionary<SearchKey, Func<StudentTrialInputs, string, StudentTrialInputs>>
        {
            [SearchKeys.PoolZipf] = (inputs, text) => inputs with { PoolZipf = SearchKeys.PoolZipf.Read(text) },
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
            [SearchKeys.LossScale] = Bind(SearchKeys.LossScale, (s, scale) => s with { Loss = s.Loss with { Scale = scale } }),
            [SearchKeys.LossTemperature] = Bind(SearchKeys.LossTemperature, (s, t) => s with { Loss = s.Loss with { Temperature = t } }),
            [SearchKeys.LossIndirectWeight] = Bind(SearchKeys.LossIndirectWeight, (s, w) => s with { Loss = s.Loss with { IndirectWeight = w } }),
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

    /// <summary>The engine inputs of one trial, its settings validated by the engine.</summary>
    public static StudentTrialInputs InputsOf(TrialParameters parameters)
    {
        var inputs = SearchKeys.All.Aggregate(new StudentTrialInputs(), (inputs, key) => Apply[key](inputs, parameters.Text(key)));
        inputs.Settings.Validate();
        return inputs;
    }

    /// <summary>
    /// Null when the engine accepts <paramref name="canonical"/> (a value the key itself accepts) for
    /// <paramref name="key"/> with every other key at its default, else the engine's reason.
    /// </summary>
    public static string? Problem(SearchKey key, string canonical)
    {
        var parameters = TrialParameters.Defaults.With(key, canonical);
        try
        {
            InputsOf(parameters);
            return null;
        }
        catch (ArgumentException refused)
        {
            return EngineRefusal.Describe(refused);
        }
    }

    /// <summary>A key that sets one of the trial's <see cref="DistillationSettings"/>.</summary>
    private static Func<StudentTrialInputs, string, StudentTrialInputs> Bind<T>(SearchKey<T> key, Func<DistillationSettings, T, DistillationSettings> apply) =>
        (inputs, text) => inputs with { Settings = apply(inputs.Settings, key.Read(text)) };
}
