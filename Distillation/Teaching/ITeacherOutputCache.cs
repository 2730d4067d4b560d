using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Teaching;

/// <summary>
/// Teacher outputs computed once and shared: returns the stored tensor for a key, or runs
/// <paramref name="compute"/> once (across every caller sharing the cache) and stores its result.
/// Called from training threads, so it is synchronous.
/// </summary>
public interface ITeacherOutputCache
{
    /// <returns>A CPU tensor outside any dispose scope; the caller disposes it.</returns>
    Tensor GetOrCompute(TeacherCacheKey key, Func<Tensor> compute);
}
