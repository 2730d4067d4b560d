using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Training;

/// <summary>
/// Every random stream of one trial, each a function of the trial's seeds alone (the data streams mixed with their
/// coordinates by <see cref="DeterministicSeeds"/>), so what a trial draws does not depend on what else runs in the
/// process: torch's process-wide generator is shared by every trial of a silo's slots, so nothing a trial computes
/// draws from it. Data order and augmentation are functions of (seed, epoch, shard, batch), so a resumed run and every
/// trial that shares teacher outputs see the same batches.
/// </summary>
/// <param name="Seed">Data order, augmentation and the prototype bank's k-means.</param>
/// <param name="InitialisationSeed">The model stream: initial weights, then dropout masks in training.</param>
public sealed record TrialRandomness(long Seed, long InitialisationSeed)
{
    private const long OrderPurpose = 1;
    private const long AugmentPurpose = 2;

    public TrialRandomness(long seed)
        : this(seed, seed)
    {
    }

    /// <summary>
    /// The generator the trained models draw their initial weights from, in the order they are built, and then their
    /// dropout masks; seeded as <c>torch.manual_seed</c> seeded the process-wide one, so a seed gives the weights it gave
    /// before trials had streams of their own. The caller disposes it once training ends.
    /// </summary>
    public Generator Model() => new(unchecked((ulong)InitialisationSeed));

    /// <summary>The order in which an epoch visits the shards.</summary>
    public Random ShardOrder(int epoch) => new((int)(DeterministicSeeds.Derive(Seed, OrderPurpose, epoch) & int.MaxValue));

    /// <summary>The shuffle of one shard's faces in one epoch.</summary>
    public Generator Permutation(int epoch, int shard) => new((ulong)DeterministicSeeds.Derive(Seed, OrderPurpose, epoch, shard));

    /// <summary>The augmentation and random flips of one batch.</summary>
    public Generator Augmentation(int epoch, int shard, int indexInShard) =>
        new((ulong)DeterministicSeeds.Derive(Seed, AugmentPurpose, epoch, shard, indexInShard));

    /// <summary>Seeds the prototype bank's k-means; part of its cache key, so trials with the same seed share one bank.</summary>
    public long Prototypes => Seed;
}
