using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace FaceKdGrid.Grains.Hosting;

/// <summary>
/// Creates a grain's persistent state in the configured storage provider. Grains call it from their constructor
/// (the state then loads before activation, as with [PersistentState], whose provider name would be a constant).
/// </summary>
public sealed class GridStateFactory(IPersistentStateFactory factory, IOptions<GridStorageOptions> options)
{
    public IPersistentState<T> Create<T>(IGrainContext context, string stateName) =>
        factory.Create<T>(context, new StateConfiguration(stateName, options.Value.ProviderName));

    private sealed record StateConfiguration(string StateName, string StorageName) : IPersistentStateConfiguration;
}
