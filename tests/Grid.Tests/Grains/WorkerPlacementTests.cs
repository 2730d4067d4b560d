using FaceKdGrid.Grains.Workers;
using FaceKdGrid.Grid.Tests.Cluster;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Grains;

[Collection(GridClusterCollection.Name)]
public sealed class WorkerPlacementTests(GridClusterFixture fixture)
{
    [Fact]
    public async Task EverySiloRegistersAWorkerThatLivesOnThatSilo()
    {
        var registry = fixture.Grains.GetGrain<IWorkerRegistryGrain>(0);
        var silos = fixture.Cluster.Silos.ToList();

        var workers = await Eventually.HoldsAsync(registry.GetWorkersAsync, found => found.Count(worker => worker.IsAlive) >= silos.Count, TimeSpan.FromSeconds(10), "every silo's worker");

        foreach (var silo in silos)
        {
            var worker = Assert.Single(workers, info => info.Heartbeat.Silo == silo.Name);
            Assert.Equal(WorkerKeys.Of(silo.Name, "cpu"), worker.WorkerId);
            Assert.Equal(1, worker.Heartbeat.Slots);
            var grain = fixture.Grains.GetGrain<IGpuWorkerGrain>(worker.WorkerId);
            Assert.Equal(worker.WorkerId, (await grain.GetStatusAsync()).WorkerId);
            Assert.True(fixture.Cluster.TryGetGrainContext(grain.GetGrainId(), out var context));
            Assert.Equal(silo.SiloAddress, context.Address.SiloAddress);
        }
    }

    [Fact]
    public async Task AWorkerOfASiloThatDoesNotExistCannotBeActivated()
    {
        var ghost = fixture.Grains.GetGrain<IGpuWorkerGrain>(WorkerKeys.Of("no-such-silo", "cpu"));

        var error = await Assert.ThrowsAnyAsync<Exception>(ghost.GetStatusAsync);

        Assert.Contains("no-such-silo", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeviceRequestsMatchWorkerDevices()
    {
        Assert.True(WorkerKeys.Serves("cpu", "cpu"));
        Assert.True(WorkerKeys.Serves("cuda:1", "cuda"));
        Assert.True(WorkerKeys.Serves("cpu", "auto"));
        Assert.False(WorkerKeys.Serves("cpu", "cuda"));
        Assert.False(WorkerKeys.Serves("cuda:0", "cpu"));
    }
}
