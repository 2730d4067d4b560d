using System.Collections.Concurrent;
using FaceKdGrid.Distillation.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Teaching;

/// <summary>
/// Keeps teacher outputs in the artifact store; within one process a per-key lock makes concurrent trials wait
/// for the first one's computation instead of repeating it. (Across machines the grid adds its own claim.)
/// A stored entry that fails its checksum is computed again and stored over the damaged one.
/// </summary>
public sealed partial class ArtifactTeacherOutputCache(IArtifactStore store, ILogger? logger = null) : ITeacherOutputCache
{
    private readonly ConcurrentDictionary<string, object> locks = new();
    private readonly ILogger logger = logger ?? NullLogger.Instance;
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
            if (TryReadIntact(store, artifactKey, logger, CancellationToken.None) is { } stored)
            {
                Interlocked.Increment(ref reused);
                return stored;
            }
            var result = StoreComputed(store, artifactKey, compute);
            Interlocked.Increment(ref computed);
            return result;
        }
    }

    /// <summary>
    /// The stored entry, or null when it is absent or corrupt (logged): teacher outputs are a pure function of the
    /// teacher and the batches, so a damaged entry is recomputed rather than failing the trial.
    /// </summary>
    public static Tensor? TryReadIntact(IArtifactStore store, string artifactKey, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return ArtifactTensors.TryReadAsync(store, artifactKey, cancellationToken).GetAwaiter().GetResult();
        }
        catch (ArtifactCorruptException corrupt)
        {
            LogRecomputing(logger, corrupt.Message);
            return null;
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

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Recomputing a teacher cache entry: {Reason}")]
    private static partial void LogRecomputing(ILogger logger, string reason);
}
