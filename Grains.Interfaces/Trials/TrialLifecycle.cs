using FaceKdGrid.Grains.Workers;

namespace FaceKdGrid.Grains.Trials;

/// <summary>
/// Where one trial stands in its life, and the only way it moves: pending → running (an attempt on a worker) →
/// completed or stopped with an outcome; running → pending again (a failure with retries left, a lost worker, a
/// hand-off, a refused dispatch) with its reason; failed, cancelled; failed or cancelled → pending again when the user
/// retries the sweep. The experiment grain owns it; the coordinator
/// keeps the copy each transition returns. A transition from a status it does not leave throws, so a bookkeeping bug
/// shows up where it happens.
/// </summary>
[GenerateSerializer, Immutable, Alias("fkd.TrialLifecycle")]
public sealed record TrialLifecycle
{
    [Id(0)] public TrialStatus Status { get; init; }

    /// <summary>Attempts started so far; the running attempt's number.</summary>
    [Id(1)] public int Attempts { get; init; }

    /// <summary>Failed attempts, counted against max_failures (lost workers, hand-offs and refused dispatches do not count).</summary>
    [Id(2)] public int Failures { get; init; }

    /// <summary>Why the trial failed, was cancelled, or went back to pending last; null once it completes.</summary>
    [Id(3)] public string? Reason { get; init; }

    /// <summary>The worker running the attempt now, or that ran the last one, as <c>{silo}/{device}</c>.</summary>
    [Id(4)] public string? Worker { get; init; }

    /// <summary>The process of <see cref="Worker"/> the attempt went to: another one means the attempt is lost.</summary>
    [Id(5)] public string? WorkerIncarnation { get; init; }

    /// <summary>When the latest attempt was dispatched.</summary>
    [Id(6)] public DateTimeOffset? DispatchedAt { get; init; }

    /// <summary>A retry after a failure waits for its back-off to pass.</summary>
    [Id(7)] public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The scheduler asked the running attempt to stop as one of the weaker: it ends as stopped, not completed.</summary>
    [Id(8)] public bool StopRequested { get; init; }

    /// <summary>The final metrics; null until the trial completes or is stopped.</summary>
    [Id(9)] public TrialOutcome? Outcome { get; init; }

    [Id(10)] public DateTimeOffset? StartedAt { get; init; }

    [Id(11)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Whether a report about <paramref name="attempt"/> is about the attempt running now (not a superseded one).</summary>
    public bool IsCurrent(int attempt) => Status == TrialStatus.Running && Attempts == attempt;

    /// <summary>Whether a pending trial may be dispatched at <paramref name="now"/> (its retry back-off has passed).</summary>
    public bool MayStart(DateTimeOffset now) => Status == TrialStatus.Pending && !(NotBefore > now);

    /// <summary>Pending → running: a new attempt on the worker of <paramref name="lease"/>.</summary>
    public TrialLifecycle Start(WorkerLease lease, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lease);
        Require(nameof(Start), TrialStatus.Pending);
        return this with
        {
            Status = TrialStatus.Running,
            Attempts = Attempts + 1,
            Worker = lease.WorkerId,
            WorkerIncarnation = lease.Incarnation,
            DispatchedAt = now,
            StartedAt = StartedAt ?? now,
            NotBefore = null,
            StopRequested = false,
        };
    }

    /// <summary>Running → running, marked to end as stopped when its outcome arrives.</summary>
    public TrialLifecycle RequestStop()
    {
        Require(nameof(RequestStop), TrialStatus.Running);
        return this with { StopRequested = true };
    }

    /// <summary>Running → completed, or stopped when the scheduler asked it to stop.</summary>
    public TrialLifecycle Finish(TrialOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Require(nameof(Finish), TrialStatus.Running);
        return this with
        {
            Status = StopRequested ? TrialStatus.Stopped : TrialStatus.Completed,
            Outcome = outcome,
            Reason = null,
            FinishedAt = now,
        };
    }

    /// <summary>
    /// Running → pending to retry after <paramref name="backoff"/>, or → failed once the failures exceed
    /// <paramref name="maxFailures"/>. The reason says which.
    /// </summary>
    public TrialLifecycle Fail(string reason, int maxFailures, TimeSpan backoff, DateTimeOffset now)
    {
        Require(nameof(Fail), TrialStatus.Running);
        var failures = Failures + 1;
        if (failures > maxFailures)
        {
            return this with { Status = TrialStatus.Failed, Failures = failures, Reason = reason, FinishedAt = now };
        }
        return this with
        {
            Status = TrialStatus.Pending,
            Failures = failures,
            Reason = $"attempt {Attempts} failed ({reason}); retry {failures} of {maxFailures} in {backoff.TotalSeconds:0.#} s",
            NotBefore = now + backoff,
        };
    }

    /// <summary>Running → pending at once, no failure counted: the worker was lost, handed the trial off or refused it.</summary>
    public TrialLifecycle Requeue(string reason)
    {
        Require(nameof(Requeue), TrialStatus.Running);
        return this with { Status = TrialStatus.Pending, Reason = reason, NotBefore = null };
    }

    /// <summary>Pending → failed without running: what it needs cannot come (its sweep's teacher trial did not complete).</summary>
    public TrialLifecycle Abandon(string reason, DateTimeOffset now)
    {
        Require(nameof(Abandon), TrialStatus.Pending);
        return this with { Status = TrialStatus.Failed, Reason = reason, FinishedAt = now };
    }

    /// <summary>Pending or running → cancelled.</summary>
    public TrialLifecycle Cancel(string reason, DateTimeOffset now)
    {
        Require(nameof(Cancel), TrialStatus.Pending, TrialStatus.Running);
        return this with { Status = TrialStatus.Cancelled, Reason = reason, FinishedAt = now };
    }

    /// <summary>
    /// Failed or cancelled → pending, as the user asked (<c>facekd sweep retry</c>): its attempts stay as history, its
    /// failures start again from none (a fresh max_failures budget), and the next attempt resumes from its last checkpoint.
    /// </summary>
    public TrialLifecycle Retry()
    {
        Require(nameof(Retry), TrialStatus.Failed, TrialStatus.Cancelled);
        return this with
        {
            Status = TrialStatus.Pending,
            Failures = 0,
            Reason = $"retried after it {(Status == TrialStatus.Failed ? "failed" : "was cancelled")} ({Reason})",
            NotBefore = null,
            StopRequested = false,
            FinishedAt = null,
        };
    }

    private void Require(string transition, params TrialStatus[] from)
    {
        if (!from.Contains(Status))
        {
            throw new InvalidOperationException($"a {Status.ToString().ToLowerInvariant()} trial cannot {transition.ToLowerInvariant()} (only {string.Join(" or ", from.Select(status => status.ToString().ToLowerInvariant()))})");
        }
    }
}
