using System.Collections.Concurrent;
using FaceKdGrid.Grains.Serialization;
using FaceKdGrid.Grains.Training;
using FaceKdGrid.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace FaceKdGrid.Grid.Tests.Cluster;

/// <summary>
/// A multi-silo in-process cluster configured like a real silo (<see cref="GridSiloExtensions.UseFaceKdGrid"/>)
/// with fast clocks, grain storage shared by all silos, and the options' trial executor.
/// </summary>
public static class GridCluster
{
    public static async Task<InProcessTestCluster> StartAsync(GridClusterOptions options)
    {
        var storage = new ConcurrentDictionary<string, (byte[] Data, string ETag)>();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Kind"] = "external",
            ["Storage:Reminders"] = "memory",
            ["ArtifactStore:Root"] = options.ArtifactRoot,
            ["Training:CpuThreads"] = "1",
            ["Training:Devices:0:Name"] = "cpu",
            ["Training:Devices:0:Slots"] = options.SlotsPerSilo.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Grid:HeartbeatInterval"] = "00:00:00.200",
            // Generous against heartbeats delayed on a busy two-core machine: a false "dead" re-runs a trial.
            ["Grid:WorkerLivenessTimeout"] = "00:00:03",
            ["Grid:ReservationTimeout"] = "00:00:02",
            ["Grid:CoordinatorTick"] = "00:00:00.100",
            ["Grid:RetryBackoff"] = "00:00:00.100",
        }).Build();
        var builder = new InProcessTestClusterBuilder(options.Silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseFaceKdGrid(configuration);
            silo.Services.AddGrainStorage("facekd", (services, _) => new SharedGrainStorage(storage, services.GetRequiredService<Serializer>()));
            silo.Services.AddSingleton(options.Executor ?? (_ => options.Fake));
            silo.Configure<ClusterMembershipOptions>(membership =>
            {
                membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                membership.NumMissedProbesLimit = 2;
                membership.NumVotesForDeathDeclaration = 1;
            });
            silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(10));
        });
        builder.ConfigureClient(client =>
        {
            client.Services.AddSerializer(serializer => serializer.AddGridRecords());
            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(10));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
