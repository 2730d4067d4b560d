namespace FaceKdGrid.Distillation.Synth;

/// <summary>
/// A small deterministic generator (xoshiro256** seeded through SplitMix64) whose stream depends only on the
/// key it was built from, so an identity or an image can be re-created from (seed, purpose, index) alone,
/// independently of batching, threads or the .NET version.
/// </summary>
internal sealed class SeededRandom
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    /// <summary>A generator for the key formed by all <paramref name="keyParts"/> in order.</summary>
    public SeededRandom(params ReadOnlySpan<long> keyParts)
    {
        var state = 0x5EED_FACE_0000_0001UL;
        foreach (var part in keyParts)
        {
            state = SplitMix(state ^ (ulong)part);
        }
        s0 = SplitMix(ref state);
        s1 = SplitMix(ref state);
        s2 = SplitMix(ref state);
        s3 = SplitMix(ref state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double Uniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Uniform in [-<paramref name="amplitude"/>, <paramref name="amplitude"/>).</summary>
    public double Symmetric(double amplitude) => Uniform(-amplitude, amplitude);

    /// <summary>Uniform integer in [0, <paramref name="count"/>).</summary>
    public int NextInt(int count) => (int)(NextDouble() * count);

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal (Box-Muller).</summary>
    public double Normal()
    {
        var u = 1.0 - NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * NextDouble());
    }

    /// <summary>A fresh 64-bit seed for another generator (e.g. torch's) drawn from this stream.</summary>
    public long NextSeed() => (long)(NextUInt64() >> 1);

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle<T>(T[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private ulong NextUInt64()
    {
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    private static ulong SplitMix(ulong x)
    {
        return SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
