using FaceKdGrid.Grains.Training;
using Microsoft.Extensions.Options;

namespace FaceKdGrid.Grains.Workers;

/// <summary>
/// Soft-state inventory of workers: heartbeats, slots, and the slots granted but not yet confirmed by a heartbeat
/// (so two coordinators cannot take one free slot). Rebuilt from heartbeats if it moves.
/// </summary>
public sealed class WorkerRegistryGrain(IOptions<GridTimingOptions> timing, TimeProvider clock) : Grain, IWorkerRegistryGrain
{
    private readonly Dictionary<string, WorkerEntry> workers = [];

    public Task HeartbeatAsync(WorkerHeartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        var now = clock.GetUtcNow();
        if (!workers.TryGetValue(heartbeat.WorkerId, out var entry) || entry.Heartbeat.Incarnation != heartbeat.Incarnation)
        {
            entry = new WorkerEntry();
            workers[heartbeat.WorkerId] = entry;
        }
        entry.Heartbeat = heartbeat;
        entry.LastSeen = now;
        foreach (var key in heartbeat.Running)
        {
            entry.Reserved.Remove(key);
        }
        return Task.CompletedTask;
    }

    public Task<WorkerLease?> AcquireSlotAsync(string device, string trialKey)
    {
        var now = clock.GetUtcNow();
        var candidate = workers.Values
            .Where(entry => IsAlive(entry, now) && !entry.Heartbeat.Draining && WorkerKeys.Serves(entry.Heartbeat.Device, device))
            .Select(entry => (Entry: entry, Free: Describe(entry, now).FreeSlots))
            .Where(match => match.Free > 0)
            // "auto" prefers an accelerator; then the emptiest worker spreads trials over silos.
            .OrderByDescending(match => device == "auto" && match.Entry.Heartbeat.Device.StartsWith("cuda", StringComparison.Ordinal))
            .ThenByDescending(match => match.Free)
            .ThenBy(match => match.Entry.Heartbeat.WorkerId, StringComparer.Ordinal)
            .Select(match => match.Entry)
            .FirstOrDefault();
        if (candidate is null)
        {
            return Task.FromResult<WorkerLease?>(null);
        }
        candidate.Reserved[trialKey] = now;
        return Task.FromResult<WorkerLease?>(new WorkerLease { WorkerId = candidate.Heartbeat.WorkerId, Incarnation = candidate.Heartbeat.Incarnation });
    }

    public Task ReleaseSlotAsync(string workerId, string trialKey)
    {
        if (workers.TryGetValue(workerId, out var entry))
        {
            entry.Reserved.Remove(trialKey);
            // A released slot's trial reports its outcome next: until the worker's next heartbeat says otherwise, it is held.
            entry.Heartbeat = entry.Heartbeat with
            {
                Running = entry.Heartbeat.Running.Where(key => key != trialKey).ToArray(),
                Reporting = entry.Heartbeat.Reporting.Append(trialKey).Distinct().ToArray(),
            };
        }
        return Task.CompletedTask;
    }

    public Task ReturnSlotAsync(string workerId, string trialKey)
    {
        if (workers.TryGetValue(workerId, out var entry))
        {
            entry.Reserved.Remove(trialKey);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WorkerInfo>> GetWorkersAsync()
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<WorkerInfo> infos = workers.Values
            .OrderBy(entry => entry.Heartbeat.WorkerId, StringComparer.Ordinal)
            .Select(entry => Describe(entry, now))
            .ToList();
        return Task.FromResult(infos);
    }

    private bool IsAlive(WorkerEntry entry, DateTimeOffset now) => now - entry.LastSeen <= timing.Value.WorkerLivenessTimeout;

    private WorkerInfo Describe(WorkerEntry entry, DateTimeOffset now)
    {
        foreach (var expired in entry.Reserved.Where(pair => now - pair.Value > timing.Value.ReservationTimeout).Select(pair => pair.Key).ToList())
        {
            entry.Reserved.Remove(expired);
        }
        return new WorkerInfo
        {
            Heartbeat = entry.Heartbeat,
            LastSeen = entry.LastSeen,
            IsAlive = IsAlive(entry, now),
            Reserved = entry.Reserved.Keys.ToArray(),
        };
    }

    private sealed class WorkerEntry
    {
        public WorkerHeartbeat Heartbeat { get; set; } = new();

        public DateTimeOffset LastSeen { get; set; }

        public Dictionary<string, DateTimeOffset> Reserved { get; } = [];
    }
}
