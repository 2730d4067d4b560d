using System.Net;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Grains.Hosting;
using FaceKdGrid.Grains.Training;
using FaceKdGrid.Silo.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace FaceKdGrid.Silo;

public static class GridSiloExtensions
{
    /// <summary>
    /// The grid on a silo whose clustering is set elsewhere (a test cluster, Kubernetes): options from
    /// <paramref name="configuration"/>, grain storage and reminders unless they are external, and the grains'
    /// services. Register an ITrialExecutor in the services to train; without one trials fail saying so.
    /// </summary>
    public static ISiloBuilder UseFaceKdGrid(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = silo.Services;
        services.Configure<TrainingOptions>(configuration.GetSection(TrainingOptions.Section));
        services.Configure<GridTimingOptions>(configuration.GetSection(GridTimingOptions.Section));
        services.Configure<GridStorageOptions>(configuration.GetSection(GridStorageOptions.Section));
        var artifacts = configuration.GetSection(ArtifactStoreSettings.Section).Get<ArtifactStoreSettings>() ?? new ArtifactStoreSettings();
        services.TryAddSingleton<IArtifactStore>(_ => new LocalFolderArtifactStore(artifacts.Root));
        var storage = configuration.GetSection(StorageSettings.Section).Get<StorageSettings>() ?? new StorageSettings();
        var storageName = configuration.GetSection(GridStorageOptions.Section).Get<GridStorageOptions>()?.ProviderName ?? new GridStorageOptions().ProviderName;
        if (IsMemory(storage.Kind, "Storage:Kind"))
        {
            silo.AddMemoryGrainStorage(storageName);
        }
        if (IsMemory(storage.Reminders, "Storage:Reminders"))
        {
            silo.UseInMemoryReminderService();
        }
        return silo.AddFaceKdGridGrains();
    }

    /// <summary>
    /// A whole silo host from configuration: the cluster section (localhost clustering by default), loopback
    /// endpoints, then <see cref="UseFaceKdGrid"/>. <paramref name="configure"/> adds to the silo (e.g. the dashboard).
    /// </summary>
    public static IHostApplicationBuilder AddFaceKdGridSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var cluster = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        builder.UseOrleans(silo =>
        {
            var primary = cluster.PrimarySiloPort is { } port ? new IPEndPoint(IPAddress.Loopback, port) : null;
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, primary, cluster.ServiceId, cluster.ClusterId);
            silo.Configure<SiloOptions>(options => options.SiloName = cluster.SiloName ?? Environment.MachineName);
            silo.UseFaceKdGrid(builder.Configuration);
            configure?.Invoke(silo);
        });
        return builder;
    }

    private static bool IsMemory(string kind, string setting) => kind switch
    {
        "memory" => true,
        "external" => false,
        _ => throw new ArgumentException($"{setting}: '{kind}' is not one of memory, external", nameof(kind)),
    };
}
