using FaceKdGrid.Distillation.Data;
using FaceKdGrid.Grains.Specs;

namespace FaceKdGrid.Grains.Engine;

/// <summary>What submission needs to know of a sweep's pool: its size and whether it carries identity labels.</summary>
public sealed record PoolFacts(int Count, bool HasLabels)
{
    /// <summary>
    /// The facts of a rendered SynthFace pool (labeled by construction) or of an ingested data set, read from its stored
    /// index; an error naming <c>data.dataset</c> when that set is not stored, or holds pairs rather than faces.
    /// </summary>
    public static async Task<(PoolFacts? Facts, SpecError? Error)> OfAsync(DataSpec data, SweepDataProvider provider, CancellationToken cancellationToken)
    {
        if (data.Dataset is not { } name)
        {
            return (new PoolFacts(data.SynthFace?.Images ?? new SynthFacePoolSpec().Images, HasLabels: true), null);
        }
        var index = await provider.FindAsync(name, cancellationToken);
        if (EvaluationSetsCheck.RoleError(index, "data.dataset", name, StoredDatasetIndex.FacesKind) is { } error)
        {
            return (null, error);
        }
        return (new PoolFacts(index!.Count, index.Shards.All(shard => shard.Manifest.HasLabels)), null);
    }
}
