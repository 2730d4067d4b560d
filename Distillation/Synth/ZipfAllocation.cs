namespace FaceKdGrid.Distillation.Synth;

/// <summary>
/// Splits a number of images over ranked identities in proportion to Zipf weights 1 / rank^exponent, exactly
/// (largest remainder), so exponent 0 gives counts that differ by at most one.
/// </summary>
internal static class ZipfAllocation
{
    /// <summary>Images per rank (rank 0 is the most frequent); the counts sum to <paramref name="imageCount"/>.</summary>
    public static int[] Counts(int identityCount, int imageCount, double exponent)
    {
        var weights = Enumerable.Range(1, identityCount).Select(rank => Math.Pow(rank, -exponent)).ToArray();
        var total = weights.Sum();
        var shares = weights.Select(w => imageCount * w / total).ToArray();
        var counts = shares.Select(s => (int)Math.Floor(s)).ToArray();
        var left = imageCount - counts.Sum();
        // Ties keep the better rank first: OrderByDescending is stable.
        foreach (var rank in Enumerable.Range(0, identityCount).OrderByDescending(r => shares[r] - counts[r]).Take(left))
        {
            counts[rank]++;
        }
        return counts;
    }
}
