using System.Net;
using FaceKdGrid.Distillation.Storage;
using FaceKdGrid.Grains.Hosting;
using FaceKdGrid.Grains.Training;
using FaceKdGrid.Silo.Azure;
using FaceKdGrid.Silo.Configuration;
using FaceKdGrid.Silo.Security;
using FaceKdGrid.Silo.Storage;
using FaceKdGrid.Silo.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace FaceKdGrid.Silo;

public static class GridSiloExtensions
{
    /// <summary>Optional tuning of Orleans' failure detection (ClusterMembershipOptions), e.g. "Cluster:Membership:ProbeTimeout".</summary>
    private const string MembershipSection = "Cluster:Membership";

    /// <summary>
    /// The grid on a silo whose clustering is set elsewhere (a test cluster, <see cref="AddFaceKdGridSilo"/>): options
    /// from <paramref name="configuration"/>, grain storage and reminders (in memory, on Azure, or the host's own),
    /// the artifact store (always behind its Polly pipeline) and the grains' services. Register an ITrialExecutor in
    /// the services to replace the engine.
    /// </summary>
    public static ISiloBuilder UseFaceKdGrid(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = silo.Services;
        services.Configure<TrainingOptions>(configuration.GetSection(TrainingOptions.Section));
        services.Configure<GridTimingOptions>(configuration.GetSection(GridTimingOptions.Section));
        services.Configure<GridStorageOptions>(configuration.GetSection(GridStorageOptions.Section));
        var azure = new AzureStorageClients(SettingsReader.Read<AzureSettings>(configuration, AzureSettings.Section));
        AddArtifactStore(services, SettingsReader.Read<ArtifactStoreSettings>(configuration, ArtifactStoreSettings.Section), azure);

        var storage = SettingsReader.Read<StorageSettings>(configuration, StorageSettings.Section);
        var providerName = SettingsReader.Read<GridStorageOptions>(configuration, GridStorageOptions.Section).ProviderName;
        switch (SettingsReader.Choice(storage.Kind, "Storage:Kind", StorageSettings.Memory, StorageSettings.File, StorageSettings.AzureBlob, StorageSettings.External))
        {
            case StorageSettings.Memory:
                silo.AddMemoryGrainStorage(providerName, (OptionsBuilder<MemoryGrainStorageOptions> builder) => WithOrleansSerializer(builder));
                break;
            case StorageSettings.File:
                AddFileGrainStorage(services, providerName, storage.GrainsRoot);
                break;
            case StorageSettings.AzureBlob:
                AddAzureBlobGrainStorage(silo, providerName, azure.BlobsWithoutRetries("Storage:Kind=azureblob"));
                break;
        }
        switch (SettingsReader.Choice(storage.Reminders, "Storage:Reminders", StorageSettings.Memory, StorageSettings.AzureTable, StorageSettings.External))
        {
            case StorageSettings.Memory:
                silo.UseInMemoryReminderService();
                break;
            case StorageSettings.AzureTable:
                var tables = azure.Tables("Storage:Reminders=azuretable");
                silo.UseAzureTableReminderService(options => options.TableServiceClient = tables);
                break;
        }
        services.Configure<ClusterMembershipOptions>(configuration.GetSection(MembershipSection));
        return silo.AddFaceKdGridGrains();
    }

    /// <summary>
    /// A whole silo host from configuration: clustering, endpoints and TLS from the "Cluster" and "Tls" sections, metrics
    /// and traces from "Telemetry" (<see cref="SiloTelemetry.AddOtlpExport"/>), then <see cref="UseFaceKdGrid"/>.
    /// <paramref name="configure"/> adds to the silo (e.g. the dashboard).
    /// </summary>
    public static IHostApplicationBuilder AddFaceKdGridSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var cluster = SettingsReader.Read<ClusterSettings>(configuration, ClusterSettings.Section);
        var siloPort = SettingsReader.Port(cluster.SiloPort, "Cluster:SiloPort");
        var gatewayPort = SettingsReader.Port(cluster.GatewayPort, "Cluster:GatewayPort");
        var clustering = SettingsReader.Choice(cluster.Clustering, "Cluster:Clustering", ClusterSettings.Localhost, ClusterSettings.AzureTable);
        var tls = SettingsReader.Read<TlsSettings>(configuration, TlsSettings.Section);
        var siloName = cluster.SiloName ?? Environment.MachineName;
        var exportsTelemetry = builder.AddOtlpExport(siloName);
        builder.UseOrleans(silo =>
        {
            if (clustering == ClusterSettings.Localhost)
            {
                var primary = cluster.PrimarySiloPort is { } port ? new IPEndPoint(IPAddress.Loopback, SettingsReader.Port(port, "Cluster:PrimarySiloPort")) : null;
                silo.UseLocalhostClustering(siloPort, gatewayPort, primary, cluster.ServiceId, cluster.ClusterId);
            }
            else
            {
                var tables = new AzureStorageClients(SettingsReader.Read<AzureSettings>(configuration, AzureSettings.Section)).Tables("Cluster:Clustering=azuretable");
                silo.UseAzureStorageClustering(options => options.TableServiceClient = tables);
                silo.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = cluster.ClusterId;
                    options.ServiceId = cluster.ServiceId;
                });
                var advertised = SettingsReader.Address(cluster.AdvertisedAddress, "Cluster:AdvertisedAddress");
                var listen = SettingsReader.Address(cluster.ListenAddress, "Cluster:ListenAddress");
                silo.Configure<EndpointOptions>(options =>
                {
                    options.AdvertisedIPAddress = advertised;
                    options.SiloPort = siloPort;
                    options.GatewayPort = gatewayPort;
                    options.SiloListeningEndpoint = new IPEndPoint(listen, siloPort);
                    options.GatewayListeningEndpoint = new IPEndPoint(listen, gatewayPort);
                });
            }
            silo.Configure<SiloOptions>(options => options.SiloName = siloName);
            if (exportsTelemetry)
            {
                // Grain calls carry the caller's activity, so one trace follows a trial's reports across silos.
                silo.AddActivityPropagation();
            }
            if (tls.Enabled)
            {
                silo.UseGridTls(tls);
            }
            silo.UseFaceKdGrid(configuration);
            configure?.Invoke(silo);
        });
        return builder;
    }

    private static void AddArtifactStore(IServiceCollection services, ArtifactStoreSettings settings, AzureStorageClients azure)
    {
        IArtifactStore inner = SettingsReader.Choice(settings.Kind, "ArtifactStore:Kind", ArtifactStoreSettings.Local, ArtifactStoreSettings.AzureBlob) switch
        {
            ArtifactStoreSettings.Local => new LocalFolderArtifactStore(settings.Root),
            _ => CreateBlobArtifactStore(settings, azure),
        };
        services.TryAddSingleton<IArtifactStore>(provider =>
            new ResilientArtifactStore(inner, logger: provider.GetRequiredService<ILoggerFactory>().CreateLogger<ResilientArtifactStore>()));
    }

    private static AzureBlobArtifactStore CreateBlobArtifactStore(ArtifactStoreSettings settings, AzureStorageClients azure)
    {
        var blobs = azure.BlobsWithoutRetries("ArtifactStore:Kind=azureblob");
        try
        {
            return new AzureBlobArtifactStore(blobs, settings.Container);
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"ArtifactStore:Container: {error.Message}", "ArtifactStore:Container", error);
        }
    }

    /// <summary>
    /// Grain state in Orleans' own serializer, as grain calls are. The default JSON one is several times slower (a
    /// sweep's coordinator writes its whole state on every dispatch), and it records compiler-generated collection
    /// types (e.g. of a [x] collection expression) that it then refuses to read back on another activation.
    /// </summary>
    private static void WithOrleansSerializer<TOptions>(OptionsBuilder<TOptions> builder)
        where TOptions : class, IStorageProviderSerializerOptions =>
        builder.Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));

    private static void AddFileGrainStorage(IServiceCollection services, string providerName, string root)
    {
        if (string.IsNullOrWhiteSpace(root))
        {
            throw new ArgumentException("Storage:GrainsRoot: a folder is required with Storage:Kind=file", "Storage:GrainsRoot");
        }
        var options = services.AddOptions<FileGrainStorageOptions>(providerName).Configure(options => options.Root = Path.GetFullPath(root));
        WithOrleansSerializer(options);
        services.AddGrainStorage(providerName, (provider, name) =>
            new FileGrainStorage(provider.GetRequiredService<IOptionsMonitor<FileGrainStorageOptions>>().Get(name)));
    }

    /// <summary>
    /// Orleans' blob grain storage under an inner name, and the grid's provider name for it behind a Polly pipeline.
    /// </summary>
    private static void AddAzureBlobGrainStorage(ISiloBuilder silo, string providerName, global::Azure.Storage.Blobs.BlobServiceClient blobs)
    {
        var innerName = $"{providerName}-azureblob";
        silo.AddAzureBlobGrainStorage(innerName, (OptionsBuilder<AzureBlobStorageOptions> builder) =>
        {
            builder.Configure(options => options.BlobServiceClient = blobs);
            WithOrleansSerializer(builder);
        });
        silo.Services.AddGrainStorage(providerName, (provider, _) => new ResilientGrainStorage(
            provider.GetRequiredKeyedService<IGrainStorage>(innerName),
            ResilientGrainStorage.DefaultSettings,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<ResilientGrainStorage>()));
    }
}
