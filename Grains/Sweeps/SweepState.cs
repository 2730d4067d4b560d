using FaceKdGrid.Grains.Scheduling;
using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>The persisted state of one sweep coordinator, and the questions its scheduling asks of it.</summary>
[GenerateSerializer, Alias("fkd.SweepState")]
public sealed class SweepState
{
    [Id(0)] public SweepSpec? Spec { get; set; }

    /// <summary>Hash of the canonical spec: the same id with another spec is a conflict.</summary>
    [Id(1)] public string Fingerprint { get; set; } = "";

    [Id(2)] public SweepStatus Status { get; set; }

    /// <summary>Teacher first, then students in id order.</summary>
    [Id(3)] public List<TrialState> Trials { get; set; } = [];

    [Id(4)] public AshaState Asha { get; set; } = new();

    [Id(5)] public DateTimeOffset? SubmittedAt { get; set; }

    [Id(6)] public DateTimeOffset? FinishedAt { get; set; }

    public TrialState? TeacherTrial => Trials.FirstOrDefault(trial => trial.Definition.Kind == TrialKind.Teacher);

    public int RunningCount => Trials.Count(trial => trial.Status == TrialStatus.Running);

    /// <summary>The running attempt a report is about; null for a superseded attempt or a trial no longer running.</summary>
    public TrialState? Current(string trialId, int attempt) =>
        Trials.FirstOrDefault(trial => trial.TrialId == trialId && trial.Status == TrialStatus.Running && trial.Attempt == attempt);

    /// <summary>Pending trials that may start now, in order: students once the teacher completed, retries after their back-off.</summary>
    public IEnumerable<TrialState> Startable(DateTimeOffset now)
    {
        var studentsMayStart = TeacherTrial is not { } teacher || teacher.Status == TrialStatus.Completed;
        return Trials.Where(trial => trial.Status == TrialStatus.Pending
            && (trial.Definition.Kind == TrialKind.Teacher || studentsMayStart)
            && !(trial.NotBefore > now));
    }

    /// <summary>
    /// How the sweep ends once every trial is final (null before): failed when its teacher trial did not complete or
    /// no student has a result.
    /// </summary>
    public SweepStatus? Ending()
    {
        if (Trials.Any(trial => !trial.Status.IsFinal()))
        {
            return null;
        }
        var teacherFailed = TeacherTrial is { Status: not TrialStatus.Completed };
        var anyResult = Trials.Any(trial => trial.Definition.Kind == TrialKind.Student && trial.Status.HasResult());
        return teacherFailed || !anyResult ? SweepStatus.Failed : SweepStatus.Completed;
    }

    public TeacherSummary DescribeTeacher()
    {
        if (TeacherTrial?.Outcome is { } trained)
        {
            return new TeacherSummary { Params = trained.TeacherParams ?? trained.StudentParams, Accuracy = trained.TeacherAccuracy ?? trained.Accuracy };
        }
        // A loaded teacher is measured by the students' trials, which report it alongside their own numbers.
        var reported = Trials.Select(trial => trial.Outcome).FirstOrDefault(outcome => outcome?.TeacherParams is not null);
        return new TeacherSummary { Params = reported?.TeacherParams, Accuracy = reported?.TeacherAccuracy };
    }
}
