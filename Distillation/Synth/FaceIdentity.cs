namespace FaceKdGrid.Distillation.Synth;

/// <summary>
/// One synthetic person: a gene vector drawn from (seed, identity index) alone, so the same index is the same person
/// in every set built with that seed. Geometry is read from the genes by the painters; base colours are derived here.
/// </summary>
internal sealed class FaceIdentity
{
    private const long IdentityStream = 0x1D;

    private static readonly int GeneCount = Enum.GetValues<IdentityGene>().Length;

    private static readonly Rgb[] HairPalette =
    [
        new(0.07, 0.06, 0.06), new(0.20, 0.13, 0.08), new(0.38, 0.24, 0.14),
        new(0.52, 0.24, 0.11), new(0.82, 0.68, 0.42), new(0.60, 0.60, 0.60),
    ];

    private static readonly Rgb[] IrisPalette =
    [
        new(0.33, 0.19, 0.09), new(0.13, 0.09, 0.06), new(0.28, 0.45, 0.68),
        new(0.32, 0.50, 0.28), new(0.50, 0.38, 0.18), new(0.50, 0.55, 0.60),
    ];

    private static readonly Rgb[] FramePalette =
    [
        new(0.05, 0.05, 0.05), new(0.30, 0.17, 0.08), new(0.80, 0.65, 0.25), new(0.75, 0.75, 0.78), new(0.55, 0.10, 0.12),
    ];

    private readonly double[] genes = new double[GeneCount];

    public FaceIdentity(long seed, int index)
    {
        Index = index;
        var random = new SeededRandom(seed, IdentityStream, index);
        for (var g = 0; g < genes.Length; g++)
        {
            genes[g] = random.NextDouble();
        }
    }

    public int Index { get; }

    public double this[IdentityGene gene] => genes[(int)gene];

    /// <summary>The skin colour, with the tone moved by <paramref name="toneShift"/> (per-image tanning and make-up).</summary>
    public Rgb Skin(double toneShift)
    {
        var tone = new Rgb(0.40, 0.26, 0.19).Lerp(new Rgb(0.96, 0.81, 0.71), Math.Clamp(this[IdentityGene.SkinTone] + toneShift, 0, 1));
        var warmth = (this[IdentityGene.SkinWarmth] - 0.5) * 0.12;
        return new Rgb(tone.R + warmth, tone.G, tone.B - warmth);
    }

    public Rgb Hair => Pick(HairPalette, IdentityGene.HairColour).Times(0.8 + 0.4 * this[IdentityGene.HairLightness]);

    public Rgb Iris => Pick(IrisPalette, IdentityGene.IrisColour);

    public Rgb Lips(Rgb skin) => skin.Lerp(new Rgb(0.72, 0.26, 0.28), 0.3 + 0.45 * this[IdentityGene.LipRedness]);

    public Rgb GlassesFrame => Pick(FramePalette, IdentityGene.GlassesColour);

    /// <summary>About a quarter of people wear glasses; they do in most (not all) of their images.</summary>
    public bool WearsGlasses => this[IdentityGene.GlassesWearer] < 0.25;

    /// <summary>Euclidean distance between gene vectors: the identity-parameter space hard negatives are chosen in.</summary>
    public double DistanceTo(FaceIdentity other)
    {
        var sum = 0.0;
        for (var g = 0; g < genes.Length; g++)
        {
            var d = genes[g] - other.genes[g];
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }

    private Rgb Pick(Rgb[] palette, IdentityGene gene) => palette[Math.Min(palette.Length - 1, (int)(this[gene] * palette.Length))];
}
