using FaceKdGrid.Distillation.Trials;

namespace FaceKdGrid.Bench;

/// <summary>K trials run one after another: total wall time, each trial's result and wall time.</summary>
internal sealed record SweepRun(double Seconds, IReadOnlyList<DistillationResult> Trials, IReadOnlyList<double> TrialSeconds)
{
    public int TeacherForwardPasses => Trials.Sum(trial => trial.TeacherForwardPasses);
}
