using System.Collections.Concurrent;
using FaceKdGrid.Distillation.Storage;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Teaching;

/// <summary>
/// Keeps teacher outputs in the artifact store; within one process a per-key lock makes concurrent trials wait
/// for the first one's computation instead of repeating it. (Across machines the grid adds its own claim.)
/// </summary>
public sealed class ArtifactTeacherOutputCache(IArtifactStore store) : ITeacherOutputCache
{
    private readonly ConcurrentDictionary<string, object> locks = new();
    private int computed;
    private int reused;

    /// <summary>Entries this cache computed (each is one teacher pass over a shard-epoch).</summary>
    public int Computed => computed;

    /// <summary>Entries found already stored.</summary>
    public int Reused => reused;

    public Tensor GetOrCompute(TeacherCacheKey key, Func<Tensor> compute)
    {
        var artifactKey = key.ArtifactKey;
        lock (locks.GetOrAdd(artifactKey, _ => new object()))
        {
            if (ArtifactTensors.TryReadAsync(store, artifactKey).GetAwaiter().GetResult() is { } stored)
            {
                Interlocked.Increment(ref reused);
                return stored;
            }
            var result = StoreComputed(store, artifactKey, compute);
            Interlocked.Increment(ref computed);
            return result;
        }
    }

    /// <summary>Runs <paramref name="compute"/>, stores its result and returns it on the CPU outside any dispose scope.</summary>
    public static Tensor StoreComputed(IArtifactStore store, string artifactKey, Func<Tensor> compute)
    {
        var result = compute();
        ArtifactTensors.WriteAsync(store, artifactKey, result).GetAwaiter().GetResult();
        if (result.device_type == DeviceType.CPU)
        {
            return result.DetachFromDisposeScope();
        }
        using (result)
        {
            return result.cpu().DetachFromDisposeScope();
        }
    }
}
