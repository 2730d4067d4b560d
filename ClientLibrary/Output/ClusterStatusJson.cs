using FaceKdGrid.Grains.Workers;
using Orleans.Runtime;

namespace FaceKdGrid.ClientLibrary.Output;

/// <summary>
/// <c>cluster status --format json</c>: <c>{ silos: [{ name, address, status, started }], workers: [{ id, silo,
/// device, alive, draining, slots, freeSlots, runningTrials, lastHeartbeat }], liveWorkers, freeSlots, slots }</c>;
/// the totals count live workers only.
/// </summary>
public static class ClusterStatusJson
{
    public static string Serialize(IEnumerable<MembershipEntry> silos, IReadOnlyList<WorkerInfo> workers)
    {
        var capacity = ClusterCapacity.Of(workers);
        return JsonOutput.Serialize(new
        {
            silos = silos.Select(silo => new
            {
                name = silo.SiloName,
                address = silo.SiloAddress.ToString(),
                status = ResultRow.StatusName(silo.Status),
                // Orleans records it in UTC; the kind may not survive the wire.
                started = DateTime.SpecifyKind(silo.StartTime, DateTimeKind.Utc),
            }),
            workers = workers.Select(worker => new
            {
                id = worker.WorkerId,
                silo = worker.Heartbeat.Silo,
                device = worker.Heartbeat.Device,
                alive = worker.IsAlive,
                draining = worker.Heartbeat.Draining,
                slots = worker.Heartbeat.Slots,
                freeSlots = worker.FreeSlots,
                runningTrials = worker.RunningTrials,
                lastHeartbeat = worker.LastSeen,
            }),
            liveWorkers = capacity.LiveWorkers,
            freeSlots = capacity.FreeSlots,
            slots = capacity.Slots,
        });
    }
}
