using FaceKdGrid.Distillation.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Bench;

/// <summary>Random uint8 crops standing in for faces: throughput does not depend on what the pixels show.</summary>
internal static class RandomFaces
{
    /// <summary><paramref name="images"/> crops split evenly over <see cref="BenchSettings.ShardCount"/> shards, on <paramref name="device"/>.</summary>
    public static IReadOnlyList<FaceSet> Shards(int images, int size, long seed, Device device)
    {
        using var generator = new Generator((ulong)seed);
        var perShard = images / BenchSettings.ShardCount;
        return [.. Enumerable.Range(0, BenchSettings.ShardCount).Select(_ => new FaceSet(Crops(perShard, size, generator, device)))];
    }

    /// <summary><paramref name="pairs"/> pairs alternating same / different in two folds.</summary>
    public static VerificationSet Pairs(int pairs, int size, long seed)
    {
        using var generator = new Generator((ulong)seed);
        return new VerificationSet(Crops(2 * pairs, size, generator, CPU), [.. Enumerable.Range(0, pairs).Select(pair => pair % 2 == 0)], foldCount: 2);
    }

    /// <summary>The same crops on another device (the copy owns its memory).</summary>
    public static IReadOnlyList<FaceSet> CopyTo(IReadOnlyList<FaceSet> shards, Device device) =>
        [.. shards.Select(shard => new FaceSet(shard.Images.to(device, copy: true).DetachFromDisposeScope()))];

    private static Tensor Crops(int count, int size, Generator generator, Device device)
    {
        using var crops = torch.randint(0, 256, [count, 3, size, size], generator: generator, dtype: ScalarType.Byte);
        return crops.to(device, copy: true).DetachFromDisposeScope();
    }
}
