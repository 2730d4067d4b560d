using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>
/// The coordinator's in-memory index over a sweep's trials, so that a report, a dispatch or a check costs the same in
/// a sweep of 100 trials as in one of 100,000: trials by id, the pending ones in order, the running ones, and counts.
/// Built from the saved trials when the coordinator activates; every change of a trial's lifecycle goes through
/// <see cref="Apply"/> so the index follows it.
/// </summary>
public sealed class TrialIndex
{
    private readonly IReadOnlyList<TrialState> trials;
    private readonly Dictionary<string, int> positions;
    private readonly SortedSet<int> pending = [];
    private readonly HashSet<TrialState> running = [];
    private readonly int[] counts = new int[Enum.GetValues<TrialStatus>().Length];
    private int studentResults;

    /// <param name="trials">The teacher trial, if any, first.</param>
    /// <param name="defined">How many trials, from the first, have their experiment grain: only those may start.</param>
    public TrialIndex(IReadOnlyList<TrialState> trials, int defined)
    {
        ArgumentNullException.ThrowIfNull(trials);
        this.trials = trials;
        positions = new Dictionary<string, int>(trials.Count);
        Defined = defined;
        for (var position = 0; position < trials.Count; position++)
        {
            positions[trials[position].TrialId] = position;
            Track(position, +1);
        }
    }

    /// <summary>Trials [0, Defined) have their experiment grains; the rest wait for theirs.</summary>
    public int Defined { get; private set; }

    public TrialState? Teacher => trials.Count > 0 && trials[0].Definition.Kind == TrialKind.Teacher ? trials[0] : null;

    public IReadOnlyCollection<TrialState> Running => running;

    public bool AllDefined => Defined == trials.Count;

    /// <summary>Pending trials that have their experiment grain, in order.</summary>
    public IEnumerable<TrialState> Pending => pending.Select(position => trials[position]);

    /// <summary>Trials still without an experiment grain: their entry here is their only record.</summary>
    public IEnumerable<TrialState> Undefined => trials.Skip(Defined);

    /// <summary>Trials up to <paramref name="count"/> now have their experiment grains.</summary>
    public void MarkDefined(int count)
    {
        var from = Defined;
        for (var position = from; position < count; position++)
        {
            Track(position, -1);
        }
        Defined = count;
        for (var position = from; position < count; position++)
        {
            Track(position, +1);
        }
    }

    /// <summary>The running attempt a report is about; null for a superseded attempt or a trial no longer running.</summary>
    public TrialState? Current(string trialId, int attempt) =>
        positions.TryGetValue(trialId, out var position) && trials[position].Lifecycle.IsCurrent(attempt) ? trials[position] : null;

    /// <summary>Pending trials that may start now, in order: students once the teacher completed, retries after their back-off.</summary>
    public IEnumerable<TrialState> Startable(DateTimeOffset now)
    {
        var studentsMayStart = Teacher is not { } teacher || teacher.Status == TrialStatus.Completed;
        foreach (var position in pending)
        {
            var trial = trials[position];
            if (trial.Definition.Kind == TrialKind.Student && !studentsMayStart)
            {
                yield break;
            }
            if (trial.Lifecycle.MayStart(now))
            {
                yield return trial;
            }
        }
    }

    /// <summary>Trials per status (statuses no trial has left out).</summary>
    public IReadOnlyDictionary<TrialStatus, int> Counts() =>
        Enum.GetValues<TrialStatus>().Where(status => counts[(int)status] > 0).ToDictionary(status => status, status => counts[(int)status]);

    /// <summary>Moves <paramref name="trial"/> to the lifecycle its experiment grain returned (or, undefined, its own next one).</summary>
    public void Apply(TrialState trial, TrialLifecycle next)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(next);
        var position = positions[trial.TrialId];
        Track(position, -1);
        trial.Lifecycle = next;
        Track(position, +1);
    }

    /// <summary>Takes over the experiment grain's record of <paramref name="trial"/>.</summary>
    public void CatchUp(TrialState trial, TrialSnapshot record, SweepMetric metric)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var position = positions[trial.TrialId];
        Track(position, -1);
        trial.CatchUp(record, metric);
        Track(position, +1);
    }

    /// <summary>
    /// How the sweep ends once every trial is final (null before): failed when its teacher trial did not complete or
    /// no student has a result.
    /// </summary>
    public SweepStatus? Ending()
    {
        if (Enum.GetValues<TrialStatus>().Where(status => status.IsFinal()).Sum(status => counts[(int)status]) < trials.Count)
        {
            return null;
        }
        var teacherFailed = Teacher is { Status: not TrialStatus.Completed };
        return teacherFailed || studentResults == 0 ? SweepStatus.Failed : SweepStatus.Completed;
    }

    private void Track(int position, int sign)
    {
        var trial = trials[position];
        var status = trial.Status;
        if (status == TrialStatus.Pending && position < Defined)
        {
            _ = sign > 0 ? pending.Add(position) : pending.Remove(position);
        }
        if (status == TrialStatus.Running)
        {
            _ = sign > 0 ? running.Add(trial) : running.Remove(trial);
        }
        counts[(int)status] += sign;
        if (status.HasResult() && trial.Definition.Kind == TrialKind.Student)
        {
            studentResults += sign;
        }
    }
}
