using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>
/// The coordinator's index entry for one trial: its definition, the lifecycle its experiment grain last returned
/// (never changed here), its progress, and the metrics ASHA recorded for it at its rungs.
/// </summary>
[GenerateSerializer, Alias("fkd.TrialState")]
public sealed class TrialState
{
    [Id(0)] public TrialDefinition Definition { get; set; } = new();

    [Id(1)] public TrialLifecycle Lifecycle { get; set; } = new();

    [Id(2)] public int LastEpoch { get; set; }

    [Id(3)] public double? LastMetric { get; set; }

    /// <summary>Epochs the trial is set to run (the teacher's from the teacher section).</summary>
    [Id(4)] public int TotalEpochs { get; set; }

    /// <summary>Rung milestone → the metric ASHA recorded there, "larger is better" oriented.</summary>
    [Id(5)] public Dictionary<int, double> Rungs { get; set; } = [];

    public string TrialId => Definition.TrialId;

    public TrialStatus Status => Lifecycle.Status;

    /// <summary>Takes over the experiment grain's record: its lifecycle, and its progress where it has any.</summary>
    public void CatchUp(TrialSnapshot record, SweepMetric metric)
    {
        ArgumentNullException.ThrowIfNull(record);
        Lifecycle = record.Lifecycle;
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
    }

    public TrialResult ToResult() => new()
    {
        TrialId = TrialId,
        Kind = Definition.Kind,
        Parameters = Definition.Parameters,
        Lifecycle = Lifecycle,
        Epochs = Lifecycle.Outcome?.EpochsRun ?? LastEpoch,
        LastMetric = LastMetric,
    };
}
