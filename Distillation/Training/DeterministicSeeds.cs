namespace FaceKdGrid.Distillation.Training;

/// <summary>
/// Derives independent, reproducible seeds from a base seed and coordinates (epoch, shard, batch, purpose) with
/// SplitMix64 mixing, so no random-number-generator state has to be saved to resume or to share batches.
/// </summary>
public static class DeterministicSeeds
{
    public static long Derive(long seed, params long[] coordinates)
    {
        var state = unchecked((ulong)seed);
        foreach (var coordinate in coordinates)
        {
            state = Mix(state ^ Mix(unchecked((ulong)coordinate) + 0x9E3779B97F4A7C15UL));
        }
        // Generators take non-negative seeds.
        return (long)(Mix(state) >> 1);
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
