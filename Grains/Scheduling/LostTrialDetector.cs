using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grains.Workers;

namespace FaceKdGrid.Grains.Scheduling;

/// <summary>
/// Decides whether a running trial's attempt is lost, from the registry's view of its worker: the worker is gone,
/// silent, restarted, or no longer answers for the trial. Remembers since when a worker has been unknown, because a
/// registry that just moved has not heard every worker yet. One per coordinator activation.
/// </summary>
public sealed class LostTrialDetector(GridTimingOptions timing)
{
    private readonly Dictionary<string, DateTimeOffset> workersUnknownSince = [];

    /// <summary>Why the attempt is lost, or null while it is not.</summary>
    public string? LossReason(TrialLifecycle trial, string trialKey, IReadOnlyDictionary<string, WorkerInfo> workers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(workers);
        var workerId = trial.Worker ?? "";
        if (!workers.TryGetValue(workerId, out var worker))
        {
            var since = workersUnknownSince.TryGetValue(workerId, out var first) ? first : workersUnknownSince[workerId] = now;
            return now - since > timing.WorkerLivenessTimeout ? $"worker {workerId} is gone" : null;
        }
        workersUnknownSince.Remove(workerId);
        if (!worker.IsAlive)
        {
            return $"worker {workerId} stopped sending heartbeats";
        }
        if (worker.Heartbeat.Incarnation != trial.WorkerIncarnation)
        {
            return $"worker {workerId} restarted";
        }
        // A heartbeat sent before the dispatch reached the worker cannot know the trial yet.
        var confirmedSinceDispatch = worker.LastSeen - trial.DispatchedAt > 2 * timing.HeartbeatInterval;
        return confirmedSinceDispatch && !worker.Heartbeat.Holds(trialKey) && !worker.Reserved.Contains(trialKey)
            ? $"worker {workerId} no longer runs it"
            : null;
    }
}
