using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Distillation.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Teaching;

/// <summary>
/// The prototypes P of the indirect loss: the teacher's class centres when it has a classifier, otherwise
/// spherical k-means centres of the teacher's embeddings of the unlabeled pool — computed once per
/// (teacher, data set, K) and shared through the teacher-output cache.
/// </summary>
public static class PrototypeBank
{
    private const int KMeansIterations = 25;

    /// <summary>Prototype count picked from the pool size when none is configured: about one per 16 faces, 16 to 512.</summary>
    public static int DefaultCount(int poolSize) => Math.Clamp(poolSize / 16, 16, 512);

    /// <param name="usage">Counts the teacher's passes over the pool, or the cache hit that spared them.</param>
    /// <returns>[K, D] unit rows on <paramref name="device"/>, outside any dispose scope.</returns>
    public static Tensor For(TeacherModel teacher, IReadOnlyList<FaceSet> pool, string datasetId, int count, long seed,
        ITeacherOutputCache? cache, Device device, int batchSize, TeacherUsage usage)
    {
        if (teacher.ClassCentres is { } centres)
        {
            return centres.to(device).DetachFromDisposeScope();
        }
        var key = TeacherCacheKey.ForPrototypes(teacher.Id, datasetId, count, seed);
        Tensor Compute()
        {
            using var embeddings = Embed(teacher, pool, device, batchSize, usage);
            return SphericalKMeans.Fit(embeddings, count, KMeansIterations, seed);
        }
        using var bank = cache is null ? Compute() : usage.GetOrCompute(cache, key, Compute);
        return bank.to(device).DetachFromDisposeScope();
    }

    private static Tensor Embed(TeacherModel teacher, IReadOnlyList<FaceSet> pool, Device device, int batchSize, TeacherUsage usage)
    {
        using var noGrad = torch.no_grad();
        teacher.Network.eval();
        var parts = new List<Tensor>();
        try
        {
            foreach (var shard in pool)
            {
                for (long start = 0; start < shard.Count; start += batchSize)
                {
                    using var scope = torch.NewDisposeScope();
                    var length = Math.Min(batchSize, shard.Count - start);
                    var input = FaceTensors.ToModelInput(shard.Images.narrow(0, start, length), device);
                    parts.Add(teacher.Network.call(input).cpu().DetachFromDisposeScope());
                    usage.CountForwardPass();
                }
            }
            return torch.cat(parts, 0).DetachFromDisposeScope();
        }
        finally
        {
            foreach (var part in parts)
            {
                part.Dispose();
            }
        }
    }
}
