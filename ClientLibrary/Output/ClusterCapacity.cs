using FaceKdGrid.Grains.Workers;

namespace FaceKdGrid.ClientLibrary.Output;

/// <summary>What the cluster can run now: its live workers and their slots (a dead worker's count for nothing).</summary>
public sealed record ClusterCapacity(int LiveWorkers, int FreeSlots, int Slots)
{
    public static ClusterCapacity Of(IEnumerable<WorkerInfo> workers)
    {
        var alive = workers.Where(worker => worker.IsAlive).ToList();
        return new(alive.Count, alive.Sum(worker => worker.FreeSlots), alive.Sum(worker => worker.Heartbeat.Slots));
    }
}
