using FaceKdGrid.Distillation.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Training;

/// <summary>
/// Batches from a data set held as shards of uint8 crops. Each epoch visits the shards in a seeded order and
/// shuffles within each shard; a batch never spans two shards (incomplete tail batches are dropped), so the
/// batches of one shard — and the teacher outputs for them — depend only on (seed, epoch, shard). Augmentation
/// and random horizontal flips draw from a generator seeded by the batch's coordinates (<see cref="TrialRandomness"/>).
/// </summary>
public sealed class FaceSetBatchSource : IBatchSource, IDisposable
{
    private readonly IReadOnlyList<FaceSet> shards;
    private readonly int batchSize;
    private readonly TrialRandomness randomness;
    private readonly Device device;
    private readonly Func<Tensor, Generator, Tensor>? augment;
    private readonly bool randomFlip;
    private readonly Dictionary<(int Epoch, int Shard), Tensor> permutations = [];

    /// <param name="augment">Batch augmentation applied to uint8 crops before normalisation (null: none).</param>
    public FaceSetBatchSource(IReadOnlyList<FaceSet> shards, int batchSize, TrialRandomness randomness, Device device,
        Func<Tensor, Generator, Tensor>? augment = null, bool randomFlip = true)
    {
        if (shards.Count == 0)
        {
            throw new ArgumentException("need at least one shard", nameof(shards));
        }
        if (batchSize < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batch size must be at least 2");
        }
        this.shards = shards;
        this.batchSize = batchSize;
        this.randomness = randomness;
        this.device = device;
        this.augment = augment;
        this.randomFlip = randomFlip;
        BatchesPerShard = shards.Select(s => s.Count / batchSize).ToArray();
        BatchesPerEpoch = BatchesPerShard.Sum();
        if (BatchesPerEpoch == 0)
        {
            throw new ArgumentException($"no shard holds a full batch of {batchSize} images (largest: {shards.Max(s => s.Count)})", nameof(batchSize));
        }
    }

    public int BatchesPerEpoch { get; }

    public IReadOnlyList<int> BatchesPerShard { get; }

    public TrainingBatch GetBatch(int epoch, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        if (index < 0 || index >= BatchesPerEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"epochs have {BatchesPerEpoch} batches");
        }
        var offset = 0;
        foreach (var shard in ShardOrder(epoch))
        {
            if (index < offset + BatchesPerShard[shard])
            {
                return CreateBatch(epoch, index, shard, index - offset);
            }
            offset += BatchesPerShard[shard];
        }
        throw new InvalidOperationException("unreachable: batch index within range but not found in any shard");
    }

    public TrainingBatch GetShardBatch(int epoch, int shard, int indexInShard)
    {
        if (shard < 0 || shard >= shards.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(shard), shard, $"there are {shards.Count} shards");
        }
        if (indexInShard < 0 || indexInShard >= BatchesPerShard[shard])
        {
            throw new ArgumentOutOfRangeException(nameof(indexInShard), indexInShard, $"shard {shard} has {BatchesPerShard[shard]} batches");
        }
        var index = 0;
        foreach (var s in ShardOrder(epoch))
        {
            if (s == shard)
            {
                return CreateBatch(epoch, index + indexInShard, shard, indexInShard);
            }
            index += BatchesPerShard[s];
        }
        throw new InvalidOperationException("unreachable: shard missing from the epoch's order");
    }

    public void Dispose()
    {
        foreach (var permutation in permutations.Values)
        {
            permutation.Dispose();
        }
        permutations.Clear();
    }

    private IEnumerable<int> ShardOrder(int epoch)
    {
        var random = randomness.ShardOrder(epoch);
        var order = Enumerable.Range(0, shards.Count).ToArray();
        random.Shuffle(order);
        return order;
    }

    private TrainingBatch CreateBatch(int epoch, int index, int shard, int indexInShard)
    {
        var set = shards[shard];
        using var positions = Permutation(epoch, shard).narrow(0, (long)indexInShard * batchSize, batchSize);
        var images = set.Images.index_select(0, positions.to(set.Images.device));
        var labels = set.Labels?.index_select(0, positions.to(set.Labels.device)).to(device);
        using var generator = randomness.Augmentation(epoch, shard, indexInShard);
        if (augment is not null)
        {
            images = augment(images, generator);
        }
        if (randomFlip)
        {
            var flip = torch.rand(batchSize, generator: generator).lt(0.5).to(images.device).view(-1, 1, 1, 1);
            images = torch.where(flip, images.flip(3), images);
        }
        return new TrainingBatch(FaceTensors.ToModelInput(images, device), labels, epoch, index, shard, indexInShard);
    }

    private Tensor Permutation(int epoch, int shard)
    {
        if (permutations.TryGetValue((epoch, shard), out var cached))
        {
            return cached;
        }
        // Keep only the current epoch's permutations: training walks epochs in order.
        foreach (var stale in permutations.Where(p => p.Key.Epoch != epoch).ToList())
        {
            stale.Value.Dispose();
            permutations.Remove(stale.Key);
        }
        using var generator = randomness.Permutation(epoch, shard);
        var permutation = torch.randperm(shards[shard].Count, generator: generator).DetachFromDisposeScope();
        permutations[(epoch, shard)] = permutation;
        return permutation;
    }
}
