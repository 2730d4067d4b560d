using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace FaceKdGrid.Distillation.Losses;

/// <summary>
/// Cosine (spherical) k-means: clusters L2-normalised points by cosine similarity and returns unit centres, e.g. the
/// prototype bank of the indirect KD loss when the teacher has no classifier. k-means++ seeding (on a random sample
/// of the points when there are many) with a seeded generator; a cluster left empty is re-seeded with the point
/// farthest from its own centre. Deterministic given the seed on one device.
/// </summary>
public static class SphericalKMeans
{
    /// <summary>Rows scored against the centres at once, bounding the [rows, K] similarity matrix.</summary>
    private const int AssignmentChunkRows = 16384;

    /// <summary>
    /// k-means++ picks centres one after another, each pass reading every candidate; seeding from a random sample of
    /// this many points per cluster keeps that serial part cheap while still covering every sizeable cluster.
    /// </summary>
    private const int SeedingPointsPerCluster = 32;

    /// <summary>Fits <paramref name="clusterCount"/> unit centres [K, D] to <paramref name="points"/> [N, D] (N >= K).</summary>
    public static Tensor Fit(Tensor points, int clusterCount, int iterations, long seed)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.dim() != 2 || points.shape[0] < 1 || points.shape[1] < 1 || !points.is_floating_point())
        {
            throw new ArgumentException($"points must be a floating-point [N, D] tensor; got {points.dtype} [{string.Join(", ", points.shape)}]", nameof(points));
        }
        if (clusterCount < 1 || clusterCount > points.shape[0])
        {
            throw new ArgumentOutOfRangeException(nameof(clusterCount), clusterCount, $"{nameof(clusterCount)} must be between 1 and the number of points ({points.shape[0]})");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);

        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var unitPoints = F.normalize(points.detach().to_type(ScalarType.Float32), dim: 1);
        using var generator = new Generator(unchecked((ulong)seed), unitPoints.device);
        var centres = SeedCentres(SeedingCandidates(unitPoints, clusterCount, generator), clusterCount, generator);
        Tensor? previous = null;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            // Only the current centres and assignment outlive an iteration, so memory stays flat however long it runs.
            using var iterationScope = torch.NewDisposeScope();
            var (assignment, similarity) = Assign(unitPoints, centres);
            if (previous is not null && previous.eq(assignment).all().item<bool>())
            {
                break;
            }
            var updated = UpdateCentres(unitPoints, assignment, similarity, clusterCount).MoveToOuterDisposeScope();
            centres.Dispose();
            centres = updated;
            previous?.Dispose();
            previous = assignment.MoveToOuterDisposeScope();
        }
        return centres.MoveToOuterDisposeScope();
    }

    private static Tensor SeedingCandidates(Tensor points, int clusterCount, Generator generator)
    {
        var count = points.shape[0];
        var sampleSize = Math.Min(count, (long)clusterCount * SeedingPointsPerCluster);
        if (sampleSize == count)
        {
            return points;
        }
        using var order = torch.randperm(count, generator: generator, device: points.device);
        using var sample = order.narrow(0, 0, sampleSize);
        return points.index_select(0, sample);
    }

    /// <summary>k-means++: each next centre is drawn with probability proportional to its cosine distance 1 - cos to the nearest chosen one.</summary>
    private static Tensor SeedCentres(Tensor points, int clusterCount, Generator generator)
    {
        var count = points.shape[0];
        var chosen = new long[clusterCount];
        chosen[0] = torch.randint(count, [1], generator: generator, device: points.device).item<long>();
        var nearestDistance = Distances(points, chosen[0]);
        for (var k = 1; k < clusterCount; k++)
        {
            using var scope = torch.NewDisposeScope();
            // All remaining points coincide with chosen centres: any of them will do, drawn uniformly.
            var weights = nearestDistance.sum().item<float>() > 0 ? nearestDistance : torch.ones_like(nearestDistance);
            chosen[k] = torch.multinomial(weights, 1, generator: generator).item<long>();
            var nearer = torch.minimum(nearestDistance, Distances(points, chosen[k])).MoveToOuterDisposeScope();
            nearestDistance.Dispose();
            nearestDistance = nearer;
        }
        using var indices = torch.tensor(chosen, device: points.device);
        return points.index_select(0, indices);
    }

    private static Tensor Distances(Tensor points, long index)
    {
        using var centre = points[index];
        return points.matmul(centre).neg_().add_(1).clamp_min_(0);
    }

    /// <summary>Each point's nearest centre (by cosine) and its similarity to it, in chunks of rows.</summary>
    private static (Tensor Assignment, Tensor Similarity) Assign(Tensor points, Tensor centres)
    {
        var assignments = new List<Tensor>();
        var similarities = new List<Tensor>();
        using var centresT = centres.t();
        for (long start = 0; start < points.shape[0]; start += AssignmentChunkRows)
        {
            using var chunk = points.narrow(0, start, Math.Min(AssignmentChunkRows, points.shape[0] - start));
            using var scores = chunk.matmul(centresT);
            var (values, indices) = scores.max(1);
            similarities.Add(values);
            assignments.Add(indices);
        }
        return (torch.cat(assignments, 0), torch.cat(similarities, 0));
    }

    private static Tensor UpdateCentres(Tensor points, Tensor assignment, Tensor similarity, int clusterCount)
    {
        var sums = torch.zeros(clusterCount, points.shape[1], device: points.device).index_add_(0, assignment, points, alpha: 1);
        var sizes = torch.bincount(assignment, minlength: clusterCount);
        var empty = sizes.eq(0).nonzero().flatten();
        if (empty.numel() > 0)
        {
            // Deterministic re-seed: the points least similar to their own centres, one per empty cluster.
            var (_, farthest) = similarity.topk((int)empty.numel(), largest: false, sorted: true);
            sums.index_copy_(0, empty, points.index_select(0, farthest));
        }
        return F.normalize(sums, dim: 1);
    }
}
