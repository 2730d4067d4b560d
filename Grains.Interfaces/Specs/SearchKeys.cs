using System.Globalization;

namespace FaceKdGrid.Grains.Specs;

/// <summary>
/// Every key a search space accepts, each declared once, in the canonical order that fixes trial expansion (the first
/// grid key varies slowest) and the order of result columns. Adding a key is one declaration here plus its engine
/// mapping (<c>Grains/Engine/EngineSettingsMapping</c>).
/// </summary>
public static class SearchKeys
{
    // Teacher parameters / student parameters: below 1 the student would be the larger network.
    public static SearchKey<double> CompressionRatio { get; } = Real("compression_ratio", 4,
        "teacher parameters / student parameters; mapped to the nearest MobileFaceNet") with { Minimum = 1, MinimumIsExclusive = true, Header = "ratio" };

    public static SearchKey<double> PoolZipf { get; } = Real("data.synthface.zipf", 1,
        "Zipf exponent of the rendered SynthFace pool's identity frequencies (0: balanced)") with { Minimum = 0, Header = "zipf" };

    public static SearchKey<string> AugMethod { get; } = Category("aug.method", "replacement", ["none", "replacement", "cutout", "cutmix"],
        "augmentation of the unlabeled batch; the teacher labels the augmented image") with { Header = "aug" };

    public static SearchKey<double> AugStrength { get; } = Real("aug.strength", 0.5,
        "probability a sample is augmented, and the size of its region or box") with { Minimum = 0, Maximum = 1, Header = "strength" };

    public static SearchKey<string> AugRegion { get; } = Category("aug.region", "any", ["eyes", "nose", "mouth", "upper", "lower", "random", "any"],
        "the facial region content replacement swaps (any: one of the fixed regions per sample)") with { Header = "region" };

    public static SearchKey<string> Loss { get; } = Category("loss", "indirect+feature", ["feature", "indirect", "indirect+feature", "contrastive", "supervised"],
        "the objective: label-free distillation, or supervised (the same student trained with labels: the baseline)");

    public static SearchKey<double> LossScale { get; } = Real("loss.scale", 64,
        "indirect: logit scale s of the scaled cosines z = s·P·x̂ (an ArcFace head's scale)") with { Minimum = 0, MinimumIsExclusive = true, Header = "s" };

    public static SearchKey<double> LossTemperature { get; } = Real("loss.temperature", 4,
        "indirect: softmax temperature T of L = T²·KL(softmax(z_t/T) ‖ softmax(z_s/T))") with { Minimum = 0, MinimumIsExclusive = true, Header = "T" };

    public static SearchKey<double> LossIndirectWeight { get; } = Real("loss.indirect_weight", 0.016,
        "weight of the indirect term (calibrated in docs/calibration.md to balance the feature term's gradient at s = 64, T = 4)") with { Minimum = 0, Header = "ind.w" };

    public static SearchKey<double> LossFeatureWeight { get; } = Real("loss.feature_weight", 1,
        "weight of the feature term in indirect+feature") with { Minimum = 0, Header = "feat.w" };

    public static SearchKey<int> LossQueueSize { get; } = Integer("loss.queue_size", 1024,
        "contrastive: teacher embeddings kept as negatives (0: in-batch only); must stay below the pool size") with { Minimum = 0, Header = "queue" };

    public static SearchKey<double> LossContrastiveTemperature { get; } = Real("loss.contrastive_temperature", 0.07,
        "contrastive: the InfoNCE temperature") with { Minimum = 0, MinimumIsExclusive = true, Header = "nce.T" };

    public static SearchKey<double> Lr { get; } = Real("lr", 0.05,
        "peak learning rate (SGD, momentum 0.9, warm-up then cosine)") with { Minimum = 0, MinimumIsExclusive = true };

    public static SearchKey<int> Epochs { get; } = Integer("epochs", 6, "passes over the pool") with { Minimum = 1 };

    public static SearchKey<int> BatchSize { get; } = Integer("batch_size", 64,
        "images per step (batch norm needs at least 2)") with { Minimum = 2, Header = "batch" };

    public static SearchKey<int> Seed { get; } = Integer("seed", 0,
        "seeds initialisation, data order and augmentation") with { Minimum = 0 };

    public static IReadOnlyList<SearchKey> All { get; } =
    [
        CompressionRatio, PoolZipf, AugMethod, AugStrength, AugRegion, Loss, LossScale, LossTemperature, LossIndirectWeight, LossFeatureWeight,
        LossQueueSize, LossContrastiveTemperature, Lr, Epochs, BatchSize, Seed,
    ];

    public static SearchKey? Find(string name) => All.FirstOrDefault(key => key.Name == name);

    private static SearchKey<double> Real(string name, double defaultValue, string help) =>
        new(name, SearchValueType.Real, defaultValue.ToString("R", CultureInfo.InvariantCulture), help);

    private static SearchKey<int> Integer(string name, int defaultValue, string help) =>
        new(name, SearchValueType.Integer, defaultValue.ToString(CultureInfo.InvariantCulture), help);

    private static SearchKey<string> Category(string name, string defaultValue, IReadOnlyList<string> categories, string help) =>
        new(name, SearchValueType.Category, defaultValue, help) { Categories = categories };
}
