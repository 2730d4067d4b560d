using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>The coordinator's bookkeeping of one trial.</summary>
[GenerateSerializer, Alias("fkd.TrialState")]
public sealed class TrialState
{
    [Id(0)] public TrialDefinition Definition { get; set; } = new();

    [Id(1)] public TrialStatus Status { get; set; }

    /// <summary>Attempts dispatched so far; the running one's number.</summary>
    [Id(2)] public int Attempt { get; set; }

    /// <summary>Failed attempts, counted against max_failures (lost workers do not count).</summary>
    [Id(3)] public int Failures { get; set; }

    [Id(4)] public string? Worker { get; set; }

    [Id(5)] public string? WorkerIncarnation { get; set; }

    [Id(6)] public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>A retry waits for its back-off to pass.</summary>
    [Id(7)] public DateTimeOffset? NotBefore { get; set; }

    [Id(8)] public int LastEpoch { get; set; }

    [Id(9)] public double? LastMetric { get; set; }

    [Id(10)] public TrialOutcome? Outcome { get; set; }

    [Id(11)] public string? Error { get; set; }

    /// <summary>Set when ASHA stopped the trial as a weak one: it then ends as Stopped rather than Completed.</summary>
    [Id(12)] public bool StoppedAsWeak { get; set; }

    /// <summary>Epochs the trial is set to run (the teacher's from the teacher section).</summary>
    [Id(13)] public int TotalEpochs { get; set; }

    public string TrialId => Definition.TrialId;

    /// <summary>
    /// Takes over the experiment grain's record of the trial where it is ahead of this one (the coordinator writes
    /// each dispatch and outcome there first and saves its own state later); true when anything changed.
    /// </summary>
    public bool CatchUp(TrialSnapshot record, SweepMetric metric)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Attempts < Attempt || (record.Attempts == Attempt && record.Status == Status))
        {
            return false;
        }
        Attempt = record.Attempts;
        Status = record.Status;
        Failures = Math.Max(Failures, record.Failures);
        Worker = record.Worker;
        WorkerIncarnation = record.WorkerIncarnation;
        DispatchedAt = record.DispatchedAt;
        Outcome = record.Outcome ?? Outcome;
        Error = record.Reason;
        if (record.Outcome is { } outcome)
        {
            LastEpoch = outcome.EpochsRun;
            LastMetric = metric.SelectionValueIn(outcome);
        }
        else if (record.Epochs.Count > 0)
        {
            LastEpoch = record.Epochs[^1].Epoch;
            LastMetric = metric.ValueIn(record.Epochs[^1]);
        }
        return true;
    }

    public TrialResult ToResult() => new()
    {
        TrialId = TrialId,
        Kind = Definition.Kind,
        Status = Status,
        Parameters = Definition.Parameters,
        Outcome = Outcome,
        Error = Error,
        Attempts = Attempt,
        Epochs = Outcome?.EpochsRun ?? LastEpoch,
        LastMetric = LastMetric,
        Worker = Worker,
    };
}
