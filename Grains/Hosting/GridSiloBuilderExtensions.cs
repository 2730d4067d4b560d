using FaceKdGrid.Grains.Engine;
using FaceKdGrid.Grains.Serialization;
using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grains.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Serialization;

namespace FaceKdGrid.Grains.Hosting;

public static class GridSiloBuilderExtensions
{
    /// <summary>
    /// Adds what the grid's grains need on a silo: the serialization of the shared records, the training runtime,
    /// worker placement and state creation.
    /// Trials run through the Distillation engine (<see cref="EngineTrialExecutor"/>) unless another
    /// <see cref="ITrialExecutor"/> is registered; the engine needs an IArtifactStore from the host. Storage,
    /// clustering and reminders are the host's choice.
    /// </summary>
    public static ISiloBuilder AddFaceKdGridGrains(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSerializer(serializer => serializer.AddGridRecords());
        services.AddOptions<TrainingOptions>();
        services.AddOptions<GridTimingOptions>();
        services.AddOptions<GridStorageOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CacheClaims>();
        services.TryAddSingleton<SweepDataProvider>();
        services.TryAddSingleton<ITrialExecutor, EngineTrialExecutor>();
        services.AddSingleton<GridStateFactory>();
        services.TryAddSingleton<GridCallResilience>();
        services.AddSingleton(provider =>
        {
            var silo = provider.GetRequiredService<ILocalSiloDetails>();
            var devices = provider.GetRequiredService<IOptions<TrainingOptions>>().Value.EffectiveDevices;
            return new SlotTable(silo.Name, silo.SiloAddress.ToParsableString(), devices);
        });
        services.AddSingleton<HeartbeatSender>();
        services.AddSingleton<TrialRunner>();
        services.AddSingleton<TrainingRuntime>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<TrainingRuntime>());
        builder.AddPlacementDirector<WorkerSiloPlacement, WorkerSiloPlacementDirector>();
        return builder;
    }
}
