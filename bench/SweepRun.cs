using FaceKdGrid.Distillation.Trials;

namespace FaceKdGrid.Bench;

/// <summary>K trials run one after another: total wall and CPU time, each trial's result and wall time, and when the
/// run started and ended (to match it with device utilisation samples taken outside the process).</summary>
internal sealed record SweepRun(Timing Time, IReadOnlyList<DistillationResult> Trials, IReadOnlyList<double> TrialSeconds,
    DateTimeOffset Started, DateTimeOffset Ended)
{
    public int TeacherForwardPasses => Trials.Sum(trial => trial.TeacherForwardPasses);
}
