using System.Globalization;

namespace FaceKdGrid.Distillation.Augmentation;

/// <summary>
/// One augmentation as a sweep point: a method, a strength in [0, 1] and, for content replacement, the region.
/// The strength is the one knob; it maps to the per-sample probability and the box size as follows
/// (S = crop side):
/// <list type="bullet">
/// <item>every method: a sample is augmented with probability p = strength;</item>
/// <item>content replacement, fixed regions: the <see cref="Data.AlignedFaceLayout"/> box scaled about its centre by
/// 0.75 + 0.5 * strength (clipped to the crop);</item>
/// <item>content replacement, random part: a square of side 0.3 * (0.75 + 0.5 * strength) * S whose centre is uniform
/// over the face box (the union of eyes band, nose and mouth), clipped;</item>
/// <item>Cutout: a square of side (0.25 + 0.25 * strength) * S, centre uniform over the crop, clipped;</item>
/// <item>CutMix: a square of area u * strength * S^2 with u ~ U(0, 1), centre uniform over the crop, clipped.</item>
/// </list>
/// Every box covers at least one pixel.
/// </summary>
public sealed record AugmentationSettings(AugmentationMethod Method, double Strength, FaceRegion Region = FaceRegion.AnyFixed)
{
    /// <summary>Side of the random-part square, as a fraction of the crop, at region scale 1.</summary>
    public const double RandomPartSide = 0.3;

    public AugmentationMethod Method { get; } = Enum.IsDefined(Method)
        ? Method
        : throw new ArgumentOutOfRangeException(nameof(Method), Method, "not a defined augmentation method");

    public double Strength { get; } = double.IsFinite(Strength) && Strength is >= 0 and <= 1
        ? Strength
        : throw new ArgumentOutOfRangeException(nameof(Strength), Strength, "strength must be a number in [0, 1]");

    public FaceRegion Region { get; } = Enum.IsDefined(Region)
        ? Region
        : throw new ArgumentOutOfRangeException(nameof(Region), Region, "not a defined face region");

    /// <summary>Probability that a sample of the batch is augmented.</summary>
    public double Probability => Strength;

    /// <summary>Scale applied to the layout region boxes (content replacement).</summary>
    public double RegionScale => 0.75 + 0.5 * Strength;

    /// <summary>Cutout's square side as a fraction of the crop.</summary>
    public double CutoutSide => 0.25 + 0.25 * Strength;

    /// <summary>Upper end of CutMix's uniformly drawn box area, as a fraction of the crop.</summary>
    public double CutMixMaxArea => Strength;

    /// <summary>
    /// A stable name of what the augmentation does, used to cache teacher outputs per augmentation: <c>none</c>,
    /// <c>replacement-eyes-0.50</c>, <c>cutout-0.25</c>, <c>cutmix-1.00</c>. The region appears only where it matters.
    /// </summary>
    public string Key => Method switch
    {
        AugmentationMethod.None => AugmentationNames.NameOf(Method),
        AugmentationMethod.ContentReplacement => $"{AugmentationNames.NameOf(Method)}-{AugmentationNames.NameOf(Region)}-{StrengthText}",
        _ => $"{AugmentationNames.NameOf(Method)}-{StrengthText}",
    };

    // Two decimals cover every sweep value in practice; anything finer keeps its exact round-trip text.
    private string StrengthText => Math.Round(Strength, 2) == Strength
        ? Strength.ToString("F2", CultureInfo.InvariantCulture)
        : Strength.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Builds settings from spec names, e.g. ("replacement", 0.5, "eyes").</summary>
    public static AugmentationSettings FromNames(string method, double strength, string region = "any") =>
        new(AugmentationNames.ParseMethod(method, nameof(method)), strength, AugmentationNames.ParseRegion(region, nameof(region)));
}
