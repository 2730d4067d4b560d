using System.Globalization;

namespace FaceKdGrid.Distillation.Evaluation;

/// <summary>
/// The LFW verification protocol on pair similarities (higher = more alike), as InsightFace's verification
/// evaluation does it: contiguous folds without shuffling (scikit-learn's KFold layout), the best threshold
/// chosen on all other folds and scored on the held-out one.
/// </summary>
/// <remarks>
/// A pair is accepted as "same" when its similarity is at least the threshold. The best threshold is found by an
/// exact search: every cut between two distinct sorted training similarities (at their midpoint) and the two
/// cuts that accept all or none; among equally accurate cuts the middle one is taken, so a clean gap between
/// classes yields a threshold inside the gap rather than at its edge.
/// TAR is reported at a named FAR the mismatched (impostor) pairs can support: with N mismatched pairs a FAR f allows
/// floor(N·f) false accepts, and a FAR is only named when that is at least <see cref="MinimumFalseAccepts"/>; below that
/// the TAR is decided by a handful of pairs (with 500 pairs "FAR = 1e-3" allows none: it is really FAR = 0). The
/// threshold sits just above the (floor(N·f) + 1)-th highest mismatched similarity and the TAR is the fraction of
/// matched pairs strictly above it.
/// Similarities are compared at <see cref="SimilarityDecimals"/> decimals: float32 cosines carry about seven
/// significant digits, so closer ones differ by rounding alone (the same network under ONNX Runtime and TorchSharp
/// differs by ~1e-7). Without this, a model that maps every face to one direction (all similarities 1 ± 1e-7) would
/// score whatever the rounding noise ranks, not chance (seen: 0.65 and 0.55 for one student in the two runtimes).
/// </remarks>
public static class LfwProtocol
{
    /// <summary>The decimals similarities are compared at: below float32's resolution of a cosine, differences are rounding.</summary>
    public const int SimilarityDecimals = 6;

    /// <summary>The fewest false accepts a named FAR must allow for its TAR not to hinge on one or two pairs.</summary>
    public const int MinimumFalseAccepts = 10;

    /// <summary>The FARs that can be named: {1, 2, 5} × 10^-k, k ≥ 1, largest first within a decade.</summary>
    private static readonly int[] LadderMantissas = [5, 2, 1];

    private static readonly double LargestLadderFar = LadderMantissas[0] / 10.0;

    /// <summary>Far enough down the ladder for any int count of pairs (10 / int.MaxValue ≈ 5e-9).</summary>
    private const long LargestLadderDecade = 10_000_000_000L;

    /// <summary>The FAR levels the ROC is sampled at: log-spaced for the low-FAR end face papers plot, plus a linear sweep.</summary>
    private static readonly double[] RocLevels = BuildRocLevels();

    /// <param name="falseAcceptRate">The FAR to report the TAR at; null: <see cref="SmallestSupportedFar"/> of the mismatched pairs.</param>
    public static VerificationResult Score(IReadOnlyList<float> similarities, IReadOnlyList<bool> isSame, int foldCount, double? falseAcceptRate = null)
    {
        ArgumentNullException.ThrowIfNull(similarities);
        ArgumentNullException.ThrowIfNull(isSame);
        if (similarities.Count != isSame.Count)
        {
            throw new ArgumentException($"got {similarities.Count} similarities for {isSame.Count} pairs", nameof(similarities));
        }
        if (similarities.Any(s => !float.IsFinite(s)))
        {
            throw new ArgumentException("similarities must be finite numbers (a NaN usually means an embedding of zero norm)", nameof(similarities));
        }
        if (!isSame.Contains(true) || !isSame.Contains(false))
        {
            throw new ArgumentException("need at least one matched and one mismatched pair", nameof(isSame));
        }

        similarities = similarities.Select(s => (float)Math.Round(s, SimilarityDecimals)).ToArray();
        var folds = FoldRanges(similarities.Count, foldCount);
        var accuracies = new double[folds.Count];
        var thresholds = new double[folds.Count];
        for (var f = 0; f < folds.Count; f++)
        {
            var (start, length) = folds[f];
            var training = Enumerable.Range(0, similarities.Count).Where(i => i < start || i >= start + length).ToArray();
            thresholds[f] = BestThreshold(training.Select(i => (double)similarities[i]).ToArray(), training.Select(i => isSame[i]).ToArray());
            var correct = Enumerable.Range(start, length).Count(i => similarities[i] >= thresholds[f] == isSame[i]);
            accuracies[f] = (double)correct / length;
        }

        var matched = SortedDescending(similarities, isSame, same: true);
        var mismatched = SortedDescending(similarities, isSame, same: false);
        if (falseAcceptRate is null && SmallestLadderFar(mismatched.Length) is null)
        {
            throw new ArgumentException(NoSupportedFar(mismatched.Length), nameof(isSame));
        }
        var far = SupportedFar(mismatched.Length, falseAcceptRate);
        var mean = accuracies.Average();
        var std = Math.Sqrt(accuracies.Select(a => (a - mean) * (a - mean)).Average());
        return new VerificationResult(
            mean,
            std,
            RocPointAt(AllowedFalseAccepts(far, mismatched.Length), matched, mismatched).TrueAcceptRate,
            far,
            thresholds.Average(),
            Roc(matched, mismatched));
    }

    /// <summary>
    /// The smallest FAR on the ladder {1, 2, 5} × 10^-k (k ≥ 1) at which <paramref name="impostorPairs"/> mismatched pairs
    /// allow at least <see cref="MinimumFalseAccepts"/> false accepts: 500 pairs support 2e-2, 10,000 support 1e-3.
    /// Needs no images, so a spec's pair counts can be checked before anything runs.
    /// </summary>
    public static double SmallestSupportedFar(int impostorPairs) =>
        SmallestLadderFar(impostorPairs) ?? throw new ArgumentOutOfRangeException(nameof(impostorPairs), impostorPairs, NoSupportedFar(impostorPairs));

    /// <summary>
    /// The FAR a TAR is reported at: <paramref name="falseAcceptRate"/> when the pairs support it, otherwise (null) the
    /// <see cref="SmallestSupportedFar"/>. A request the pairs cannot support is refused, naming what they support.
    /// </summary>
    public static double SupportedFar(int impostorPairs, double? falseAcceptRate = null)
    {
        if (falseAcceptRate is not { } far)
        {
            return SmallestSupportedFar(impostorPairs);
        }
        if (!(far is > 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(falseAcceptRate), far, "a false-accept rate must lie in (0, 1]");
        }
        if (AllowedFalseAccepts(far, impostorPairs) < MinimumFalseAccepts)
        {
            var supported = SmallestLadderFar(impostorPairs) is { } smallest ? $"FAR >= {FarName(smallest)}" : "no FAR";
            throw new ArgumentException(
                $"FAR = {FarName(far)} needs at least {MinimumImpostorPairs(far)} mismatched pairs (to allow {MinimumFalseAccepts} false accepts); " +
                $"these {impostorPairs} mismatched pairs support {supported}", nameof(falseAcceptRate));
        }
        return far;
    }

    /// <summary>How a TAR at <paramref name="falseAcceptRate"/> is named in reports, e.g. "TAR@FAR=2e-2".</summary>
    public static string TarName(double falseAcceptRate) => $"TAR@FAR={FarName(falseAcceptRate)}";

    /// <summary>
    /// Contiguous folds of <paramref name="pairCount"/> pairs as (start, length), the first pairCount % foldCount
    /// folds one pair longer (scikit-learn's KFold without shuffling, which InsightFace uses).
    /// </summary>
    public static IReadOnlyList<(int Start, int Length)> FoldRanges(int pairCount, int foldCount)
    {
        if (foldCount < 2 || foldCount > pairCount)
        {
            throw new ArgumentOutOfRangeException(nameof(foldCount), foldCount, $"need 2 to {pairCount} folds for {pairCount} pairs");
        }
        var folds = new (int, int)[foldCount];
        var start = 0;
        for (var f = 0; f < foldCount; f++)
        {
            var length = pairCount / foldCount + (f < pairCount % foldCount ? 1 : 0);
            folds[f] = (start, length);
            start += length;
        }
        return folds;
    }

    private static double BestThreshold(double[] similarities, bool[] isSame)
    {
        var order = Enumerable.Range(0, similarities.Length).OrderByDescending(i => similarities[i]).ToArray();
        var sorted = order.Select(i => similarities[i]).ToArray();
        var mismatchedCount = isSame.Count(s => !s);

        // Accepting the top k pairs: accuracy = (matched among them + mismatched outside them) / n.
        var candidates = new List<(double Threshold, int Correct)> { (Math.BitIncrement(sorted[0]), mismatchedCount) };
        var correct = mismatchedCount;
        for (var k = 1; k <= sorted.Length; k++)
        {
            correct += isSame[order[k - 1]] ? 1 : -1;
            if (k == sorted.Length)
            {
                candidates.Add((Math.BitDecrement(sorted[^1]), correct));
            }
            else if (sorted[k] < sorted[k - 1])
            {
                candidates.Add(((sorted[k - 1] + sorted[k]) / 2, correct));
            }
        }
        var best = candidates.Max(c => c.Correct);
        var tied = candidates.Where(c => c.Correct == best).ToArray();
        return tied[(tied.Length - 1) / 2].Threshold;
    }

    private static double[] SortedDescending(IReadOnlyList<float> similarities, IReadOnlyList<bool> isSame, bool same) =>
        Enumerable.Range(0, similarities.Count).Where(i => isSame[i] == same).Select(i => (double)similarities[i])
            .OrderDescending().ToArray();

    /// <summary>The operating point that allows at most <paramref name="falseAccepts"/> mismatched pairs through.</summary>
    private static RocPoint RocPointAt(int falseAccepts, double[] matched, double[] mismatched)
    {
        if (falseAccepts >= mismatched.Length)
        {
            return new RocPoint(1, 1);
        }
        // Accept strictly above the first mismatched similarity that must be rejected; ties with it are rejected too.
        var cut = mismatched[falseAccepts];
        var accepted = CountAbove(matched, cut);
        return new RocPoint((double)CountAbove(mismatched, cut) / mismatched.Length, (double)accepted / matched.Length);
    }

    private static int CountAbove(double[] descending, double cut)
    {
        var low = 0;
        var high = descending.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (descending[middle] > cut)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    private static double? SmallestLadderFar(int impostorPairs)
    {
        double? smallest = null;
        for (var decade = 10L; decade <= LargestLadderDecade; decade *= 10)
        {
            foreach (var mantissa in LadderMantissas)
            {
                // In integers, so the comparison is exact: impostors × mantissa / decade ≥ MinimumFalseAccepts.
                if ((long)impostorPairs * mantissa < (long)MinimumFalseAccepts * decade)
                {
                    return smallest;
                }
                smallest = mantissa / (double)decade;
            }
        }
        return smallest;
    }

    private static string NoSupportedFar(int impostorPairs) =>
        $"{impostorPairs} mismatched pairs support no FAR: the largest named FAR, {FarName(LargestLadderFar)}, needs " +
        $"{MinimumImpostorPairs(LargestLadderFar)} to allow {MinimumFalseAccepts} false accepts";

    private static string FarName(double falseAcceptRate) => falseAcceptRate.ToString("0.###e-0", CultureInfo.InvariantCulture);

    private static int MinimumImpostorPairs(double falseAcceptRate) => (int)Math.Ceiling(MinimumFalseAccepts / falseAcceptRate - 1e-9);

    // The epsilon keeps 1e-3 * 3000 at 3 although neither factor is exact in binary.
    private static int AllowedFalseAccepts(double falseAcceptRate, int mismatchedCount) =>
        (int)Math.Floor(falseAcceptRate * mismatchedCount + 1e-9);

    private static IReadOnlyList<RocPoint> Roc(double[] matched, double[] mismatched) =>
        RocLevels.Select(level => AllowedFalseAccepts(level, mismatched.Length))
            .Distinct()
            .Select(falseAccepts => RocPointAt(falseAccepts, matched, mismatched))
            .Distinct()
            .OrderBy(p => p.FalseAcceptRate)
            .ThenBy(p => p.TrueAcceptRate)
            .ToArray();

    private static double[] BuildRocLevels()
    {
        const int PerDecade = 10;
        var logSpaced = Enumerable.Range(0, 4 * PerDecade + 1).Select(i => Math.Pow(10, -4 + (double)i / PerDecade));
        var linear = Enumerable.Range(0, 51).Select(i => i / 50.0);
        return [0, .. logSpaced, .. linear];
    }
}
