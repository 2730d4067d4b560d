using FaceKdGrid.Grains.Hosting;
using Orleans.Runtime;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>Remembers every sweep id, in submission order.</summary>
public sealed class SweepCatalogGrain : Grain, ISweepCatalogGrain
{
    private readonly IPersistentState<SweepCatalogState> state;

    public SweepCatalogGrain(IGrainContext context, GridStateFactory states)
    {
        state = states.Create<SweepCatalogState>(context, "catalog");
    }

    public async Task AddAsync(string sweepId)
    {
        if (!state.State.SweepIds.Contains(sweepId))
        {
            state.State.SweepIds.Add(sweepId);
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.SweepIds.ToArray());
}
