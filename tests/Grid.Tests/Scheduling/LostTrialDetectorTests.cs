using FaceKdGrid.Grains.Scheduling;
using FaceKdGrid.Grains.Training;
using FaceKdGrid.Grains.Trials;
using FaceKdGrid.Grains.Workers;
using Xunit;

namespace FaceKdGrid.Grid.Tests.Scheduling;

public sealed class LostTrialDetectorTests
{
    private const string TrialKey = "s/t000";
    private static readonly DateTimeOffset Dispatched = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly GridTimingOptions Timing = new() { HeartbeatInterval = TimeSpan.FromSeconds(1), WorkerLivenessTimeout = TimeSpan.FromSeconds(10) };

    private static readonly TrialLifecycle Trial = new()
    {
        Status = TrialStatus.Running,
        Attempts = 1,
        Worker = "silo-a/cpu",
        WorkerIncarnation = "1",
        DispatchedAt = Dispatched,
    };

    [Fact]
    public void ATrialItsWorkerRunsOrIsReportingIsNotLost()
    {
        var detector = new LostTrialDetector(Timing);
        var later = Dispatched.AddSeconds(5);

        Assert.Null(detector.LossReason(Trial, TrialKey, Workers(Worker(later, running: [TrialKey])), later));
        Assert.Null(detector.LossReason(Trial, TrialKey, Workers(Worker(later, reporting: [TrialKey])), later));
    }

    [Fact]
    public void ATrialItsWorkerNoLongerHoldsIsLostOnlyOnceAHeartbeatAfterTheDispatchSaysSo()
    {
        var detector = new LostTrialDetector(Timing);

        Assert.Null(detector.LossReason(Trial, TrialKey, Workers(Worker(Dispatched.AddSeconds(1))), Dispatched.AddSeconds(1)));
        Assert.Equal("worker silo-a/cpu no longer runs it", detector.LossReason(Trial, TrialKey, Workers(Worker(Dispatched.AddSeconds(3))), Dispatched.AddSeconds(3)));
    }

    [Fact]
    public void ASilentOrRestartedWorkerLosesItsTrials()
    {
        var detector = new LostTrialDetector(Timing);
        var later = Dispatched.AddSeconds(5);

        Assert.Equal("worker silo-a/cpu stopped sending heartbeats", detector.LossReason(Trial, TrialKey, Workers(Worker(later, running: [TrialKey]) with { IsAlive = false }), later));
        var restarted = Worker(later, running: [TrialKey]) with { Heartbeat = Worker(later).Heartbeat with { Incarnation = "2" } };
        Assert.Equal("worker silo-a/cpu restarted", detector.LossReason(Trial, TrialKey, Workers(restarted), later));
    }

    [Fact]
    public void AnUnknownWorkerIsGoneOnlyAfterTheLivenessTimeout()
    {
        var detector = new LostTrialDetector(Timing);
        var none = Workers();

        Assert.Null(detector.LossReason(Trial, TrialKey, none, Dispatched));
        Assert.Null(detector.LossReason(Trial, TrialKey, none, Dispatched.AddSeconds(10)));
        Assert.Equal("worker silo-a/cpu is gone", detector.LossReason(Trial, TrialKey, none, Dispatched.AddSeconds(11)));
    }

    [Fact]
    public void RetryDelaysDoubleUpToTheirCap()
    {
        var timing = new GridTimingOptions { RetryBackoff = TimeSpan.FromSeconds(2), MaxRetryBackoff = TimeSpan.FromSeconds(10) };

        Assert.Equal([2, 4, 8, 10, 10], Enumerable.Range(1, 5).Select(failures => timing.RetryDelay(failures).TotalSeconds));
    }

    private static Dictionary<string, WorkerInfo> Workers(params WorkerInfo[] workers) => workers.ToDictionary(worker => worker.WorkerId);

    private static WorkerInfo Worker(DateTimeOffset lastSeen, string[]? running = null, string[]? reporting = null) => new()
    {
        Heartbeat = new WorkerHeartbeat
        {
            WorkerId = "silo-a/cpu",
            Silo = "silo-a",
            Device = "cpu",
            Slots = 1,
            Running = running ?? [],
            Reporting = reporting ?? [],
            Incarnation = "1",
        },
        LastSeen = lastSeen,
        IsAlive = true,
    };
}
