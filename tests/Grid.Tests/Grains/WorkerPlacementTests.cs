using FaceKdGrid.Grains.Workers;
using FaceKdGrid.Grid.Tests.Cluster;
using FaceKdGrid.TestSupport;
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
    public async Task AReleasedSlotsTrialStaysHeldUntilTheWorkerSaysItsOutcomeIsReported()
    {
        var registry = fixture.Grains.GetGrain<IWorkerRegistryGrain>(0);
        var heartbeat = StandIn("reporting-silo", slots: 1);
        await registry.HeartbeatAsync(heartbeat);

        await registry.ReleaseSlotAsync(heartbeat.WorkerId, "s/t000");
        var released = (await registry.GetWorkersAsync()).Single(worker => worker.WorkerId == heartbeat.WorkerId);
        await registry.HeartbeatAsync(heartbeat with { Running = [], Reporting = [] });
        var reported = (await registry.GetWorkersAsync()).Single(worker => worker.WorkerId == heartbeat.WorkerId);

        Assert.Equal(1, released.FreeSlots);
        Assert.True(released.Heartbeat.Holds("s/t000"));
        Assert.False(reported.Heartbeat.Holds("s/t000"));
    }

    [Fact]
    public async Task AReturnedGrantEndsOnlyTheGrant()
    {
        // Returning a grant for a trial the worker runs must not free its slot.
        var registry = fixture.Grains.GetGrain<IWorkerRegistryGrain>(0);
        var heartbeat = StandIn("returning-silo", slots: 2);
        await registry.HeartbeatAsync(heartbeat);

        await registry.ReturnSlotAsync(heartbeat.WorkerId, "s/t000");
        var worker = (await registry.GetWorkersAsync()).Single(candidate => candidate.WorkerId == heartbeat.WorkerId);

        Assert.Equal(["s/t000"], worker.Heartbeat.Running);
        Assert.Empty(worker.Heartbeat.Reporting);
        // A grant on one of the cluster's real workers ends when returned.
        if (await registry.AcquireSlotAsync("cpu", "returned/t000") is { } lease)
        {
            await registry.ReturnSlotAsync(lease.WorkerId, "returned/t000");
            var granted = (await registry.GetWorkersAsync()).Single(candidate => candidate.WorkerId == lease.WorkerId);
            Assert.DoesNotContain("returned/t000", granted.Reserved);
        }
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

    /// <summary>A draining stand-in worker running s/t000: no other test's trial can be dispatched to it.</summary>
    private static WorkerHeartbeat StandIn(string silo, int slots) => new()
    {
        WorkerId = WorkerKeys.Of(silo, "cpu"),
        Silo = silo,
        Device = "cpu",
        Slots = slots,
        Running = ["s/t000"],
        Draining = true,
        Incarnation = "1",
    };
}
