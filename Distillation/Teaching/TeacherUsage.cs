using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Teaching;

/// <summary>
/// What one trial asked of its teacher: the forward passes (batches) it ran itself, and the entries it read from the
/// shared teacher-output cache instead. Counted where the outputs are computed or read, so a trial that recomputed
/// what the cache held shows it whatever the cache reports.
/// </summary>
public sealed class TeacherUsage
{
    public int ForwardPasses { get; private set; }

    /// <summary>Cache entries (a shard-epoch of outputs, or the prototypes) read without computing them.</summary>
    public int CacheHits { get; private set; }

    internal void CountForwardPass() => ForwardPasses++;

    /// <summary>
    /// The entry for <paramref name="key"/> from <paramref name="cache"/>, counted as a hit unless
    /// <paramref name="compute"/> ran here (its passes count themselves).
    /// </summary>
    internal Tensor GetOrCompute(ITeacherOutputCache cache, TeacherCacheKey key, Func<Tensor> compute)
    {
        var computed = false;
        var entry = cache.GetOrCompute(key, () =>
        {
            computed = true;
            return compute();
        });
        if (!computed)
        {
            CacheHits++;
        }
        return entry;
    }
}
