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

    public Tensor GetOrCompute(string artifactKey, Func<Tensor> compute)
    {
        lock (locks.GetOrAdd(artifactKey, _ => new object()))
        {
            if (TryRead(artifactKey) is { } stored)
            {
                Interlocked.Increment(ref reused);
                return stored;
            }
            var result = compute();
            var bytes = TensorFile.ToBytes(result);
            store.WriteAsync(artifactKey, new MemoryStream(bytes)).GetAwaiter().GetResult();
            Interlocked.Increment(ref computed);
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

    private Tensor? TryRead(string artifactKey)
    {
        try
        {
            using var stream = store.OpenReadAsync(artifactKey).GetAwaiter().GetResult();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return TensorFile.FromBytes(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (ArtifactNotFoundException)
        {
            return null;
        }
    }
}
