using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Synth;

/// <summary>
/// SynthFace: procedurally rendered aligned face crops whose identities are known by construction. Identities are
/// numbered; the same (seed, identity index) is always the same person, so callers keep teacher-training, pool and
/// evaluation identities apart by giving disjoint index ranges. The same (options, call) always gives the same
/// images on a given kind of device; all randomness, pixel noise included, is drawn on the CPU, so another device
/// differs only by float rounding. Images are rendered on <c>device</c> in small batches with one dispose scope each
/// and returned as uint8 tensors on the CPU. Always report results on it as synthetic.
/// </summary>
public sealed class SynthFaceGenerator
{
    /// <summary>
    /// On the CPU a batch holds about this many pixels per plane: measured fastest (32 px: 64 images, 112 px: 10),
    /// as the working set then stays in cache; fewer images pay per-operation overhead, more spill to memory.
    /// </summary>
    private const int CpuPixelsPerBatch = 1 << 17;

    /// <summary>Images per batch on an accelerator, where larger batches keep the device busy.</summary>
    private const int AcceleratorBatchSize = 128;

    private const long LabeledStream = 1;
    private const long PoolStream = 2;
    private const long VerificationStream = 3;

    private readonly FaceRenderer renderer;
    private readonly int batchSize;

    public SynthFaceGenerator(SynthFaceOptions options, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        device ??= CPU;
        renderer = new FaceRenderer(options.ImageSize, device, options.Difficulty);
        batchSize = device.type == DeviceType.CPU
            ? Math.Clamp(CpuPixelsPerBatch / (options.ImageSize * options.ImageSize), 2, 64)
            : AcceleratorBatchSize;
    }

    public SynthFaceOptions Options { get; }

    /// <summary>
    /// <paramref name="imagesPerIdentity"/> images of each identity in [firstIdentity, firstIdentity + identityCount),
    /// identity by identity, labelled 0 .. identityCount - 1.
    /// </summary>
    public FaceSet RenderLabeled(int firstIdentity, int identityCount, int imagesPerIdentity)
    {
        ValidateRange(firstIdentity, identityCount, minimumCount: 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(imagesPerIdentity, 1);
        var keys = new ImageKey[identityCount * imagesPerIdentity];
        var labels = new long[keys.Length];
        for (var k = 0; k < identityCount; k++)
        {
            for (var j = 0; j < imagesPerIdentity; j++)
            {
                var i = k * imagesPerIdentity + j;
                keys[i] = new ImageKey(firstIdentity + k, new SeededRandom(Options.Seed, LabeledStream, firstIdentity + k, j).NextSeed());
                labels[i] = k;
            }
        }
        return new FaceSet(Render(keys), torch.tensor(labels));
    }

    /// <summary>An unlabeled pool; see <see cref="RenderUnlabeledPoolWithIdentities"/>.</summary>
    public FaceSet RenderUnlabeledPool(int firstIdentity, int identityCount, int imageCount, double zipfExponent) =>
        RenderUnlabeledPoolWithIdentities(firstIdentity, identityCount, imageCount, zipfExponent).Faces;

    /// <summary>
    /// The same pool as <see cref="RenderUnlabeledPool"/> (same images, same order) labelled with each image's identity,
    /// relative to <paramref name="firstIdentity"/>: what the supervised baseline trains on; distillation ignores labels.
    /// </summary>
    public FaceSet RenderLabeledPool(int firstIdentity, int identityCount, int imageCount, double zipfExponent)
    {
        var pool = RenderUnlabeledPoolWithIdentities(firstIdentity, identityCount, imageCount, zipfExponent);
        // The images move into the labeled set; the unlabeled wrapper holds nothing else to dispose.
        return new FaceSet(pool.Faces.Images, torch.tensor(pool.HiddenIdentities.Select(identity => (long)identity).ToArray()));
    }

    /// <summary>
    /// <paramref name="imageCount"/> unlabeled images in random order whose identities follow Zipf(<paramref name="zipfExponent"/>)
    /// over a seeded shuffle of the identity range (exponent 0: balanced to within one image), with the hidden identities.
    /// </summary>
    public SynthFacePool RenderUnlabeledPoolWithIdentities(int firstIdentity, int identityCount, int imageCount, double zipfExponent)
    {
        ValidateRange(firstIdentity, identityCount, minimumCount: 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageCount, 1);
        if (!double.IsFinite(zipfExponent) || zipfExponent < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(zipfExponent), zipfExponent, "the Zipf exponent must be a finite number >= 0 (0 = balanced)");
        }
        var random = new SeededRandom(Options.Seed, PoolStream, firstIdentity, identityCount, imageCount, BitConverter.DoubleToInt64Bits(zipfExponent));
        var ranking = Enumerable.Range(0, identityCount).ToArray();
        random.Shuffle(ranking);
        var counts = ZipfAllocation.Counts(identityCount, imageCount, zipfExponent);
        var hidden = Enumerable.Range(0, identityCount).SelectMany(rank => Enumerable.Repeat(ranking[rank], counts[rank])).ToArray();
        random.Shuffle(hidden);
        var keys = hidden.Select(k => new ImageKey(firstIdentity + k, random.NextSeed())).ToArray();
        return new SynthFacePool(new FaceSet(Render(keys)), hidden);
    }

    /// <summary>LFW-format pairs on the identity range; see <see cref="RenderVerificationWithIdentities"/>.</summary>
    public VerificationSet RenderVerification(int firstIdentity, int identityCount, int pairsPerFold, int foldCount, long pairSeed = 0) =>
        RenderVerificationWithIdentities(firstIdentity, identityCount, pairsPerFold, foldCount, pairSeed).Set;

    /// <summary>
    /// <paramref name="foldCount"/> contiguous folds, each <paramref name="pairsPerFold"/> matched pairs (one identity,
    /// two independent images) then as many mismatched pairs; a share <see cref="SynthFaceOptions.HardNegativeFraction"/>
    /// of the mismatched pairs pair an identity with its nearest other identity (identity-parameter space), the rest
    /// with a uniformly chosen other one. Folds are identity-disjoint, as in LFW: the range is split into contiguous
    /// blocks laid out like <see cref="LfwProtocol.FoldRanges"/>, and fold f draws every pair, hard negatives included,
    /// from block f, so a threshold is never chosen on the identities it is scored on.
    /// </summary>
    /// <param name="pairSeed">Seeds which pairs are drawn and their images' nuisance; the identities come from the options' seed.</param>
    public SynthFaceVerification RenderVerificationWithIdentities(int firstIdentity, int identityCount, int pairsPerFold, int foldCount, long pairSeed = 0)
    {
        ValidateRange(firstIdentity, identityCount, minimumCount: 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(pairsPerFold, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(foldCount, 2);
        if (identityCount < 2 * foldCount)
        {
            throw new ArgumentOutOfRangeException(nameof(identityCount), identityCount,
                $"{foldCount} identity-disjoint folds need at least {2 * foldCount} identities (2 per fold, for mismatched pairs)");
        }
        var random = new SeededRandom(Options.Seed, VerificationStream, pairSeed, firstIdentity, identityCount, pairsPerFold, foldCount);
        var population = Enumerable.Range(firstIdentity, identityCount).Select(i => new FaceIdentity(Options.Seed, i)).ToArray();
        var nearest = new Dictionary<int, int>();
        var identities = new List<int>();
        var isSame = new List<bool>();
        var isHard = new List<bool>();
        foreach (var (blockStart, blockLength) in LfwProtocol.FoldRanges(identityCount, foldCount))
        {
            for (var p = 0; p < 2 * pairsPerFold; p++)
            {
                var matched = p < pairsPerFold;
                var first = random.NextInt(blockLength);
                var hard = !matched && random.Chance(Options.HardNegativeFraction);
                var second = matched ? first : hard ? Nearest(population, blockStart, blockLength, first, nearest) : OtherThan(random, first, blockLength);
                identities.Add(blockStart + first);
                identities.Add(blockStart + second);
                isSame.Add(matched);
                isHard.Add(hard);
            }
        }
        var keys = identities.Select(k => new ImageKey(firstIdentity + k, random.NextSeed())).ToArray();
        return new SynthFaceVerification(new VerificationSet(Render(keys), isSame, foldCount), identities, isHard);
    }

    /// <summary>
    /// Distance between two identities in identity-parameter space (Euclidean over their genes, each uniform in
    /// [0, 1)); the nearest other identity by this measure is what hard negatives pair with.
    /// </summary>
    public double IdentityDistance(int identityA, int identityB)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(identityA);
        ArgumentOutOfRangeException.ThrowIfNegative(identityB);
        return new FaceIdentity(Options.Seed, identityA).DistanceTo(new FaceIdentity(Options.Seed, identityB));
    }

    private Tensor Render(ImageKey[] keys)
    {
        var size = Options.ImageSize;
        var images = torch.empty([keys.Length, 3, size, size], ScalarType.Byte);
        for (var start = 0; start < keys.Length; start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            var samples = keys.Skip(start).Take(batchSize).Select(Sample).ToArray();
            images.narrow(0, start, samples.Length).copy_(renderer.Render(samples));
        }
        return images;
    }

    private FaceSample Sample(ImageKey key)
    {
        var identity = new FaceIdentity(Options.Seed, key.Identity);
        return new FaceSample(identity, FaceNuisance.Sample(new SeededRandom(key.NuisanceSeed), Options.Difficulty, identity));
    }

    /// <summary>The nearest other identity within the block, relative to the block's start (blocks are disjoint, so one cache serves all).</summary>
    private static int Nearest(FaceIdentity[] population, int blockStart, int blockLength, int index, Dictionary<int, int> cache)
    {
        if (!cache.TryGetValue(blockStart + index, out var nearest))
        {
            var identity = population[blockStart + index];
            nearest = Enumerable.Range(0, blockLength).Where(i => i != index).MinBy(i => identity.DistanceTo(population[blockStart + i]));
            cache[blockStart + index] = nearest;
        }
        return nearest;
    }

    private static int OtherThan(SeededRandom random, int index, int count)
    {
        var other = random.NextInt(count - 1);
        return other >= index ? other + 1 : other;
    }

    private static void ValidateRange(int firstIdentity, int identityCount, int minimumCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstIdentity);
        if (identityCount < minimumCount || identityCount > int.MaxValue - firstIdentity)
        {
            throw new ArgumentOutOfRangeException(nameof(identityCount), identityCount, $"need at least {minimumCount} identities, and the range must end before int.MaxValue");
        }
    }

    /// <summary>Which identity an image shows and the seed of its nuisance.</summary>
    private readonly record struct ImageKey(int Identity, long NuisanceSeed);
}
