using FaceKdGrid.Grains.Specs;
using FaceKdGrid.Grains.Trials;

namespace FaceKdGrid.Grains.Sweeps;

/// <summary>The persisted state of one sweep coordinator: its spec and its index of trials.</summary>
[GenerateSerializer, Alias("fkd.SweepState")]
public sealed class SweepState
{
    [Id(0)] public SweepSpec? Spec { get; set; }

    /// <summary>Hash of the canonical spec: the same id with another spec is a conflict.</summary>
    [Id(1)] public string Fingerprint { get; set; } = "";

    [Id(2)] public SweepStatus Status { get; set; }

    /// <summary>Teacher first, then students in id order.</summary>
    [Id(3)] public List<TrialState> Trials { get; set; } = [];

    /// <summary>How many trials, from the first, have their experiment grain defined (submission defines them in batches).</summary>
    [Id(4)] public int Defined { get; set; }

    [Id(5)] public DateTimeOffset? SubmittedAt { get; set; }

    [Id(6)] public DateTimeOffset? FinishedAt { get; set; }

    public TeacherSummary DescribeTeacher()
    {
        var teacherTrial = Trials.FirstOrDefault(trial => trial.Definition.Kind == TrialKind.Teacher);
        if (teacherTrial?.Lifecycle.Outcome is { } trained)
        {
            return new TeacherSummary { Params = trained.TeacherParams ?? trained.StudentParams, Accuracy = trained.TeacherAccuracy ?? trained.Accuracy };
        }
        // A loaded teacher is measured by the students' trials, which report it alongside their own numbers.
        var reported = Trials.Select(trial => trial.Lifecycle.Outcome).FirstOrDefault(outcome => outcome?.TeacherParams is not null);
        return new TeacherSummary { Params = reported?.TeacherParams, Accuracy = reported?.TeacherAccuracy };
    }
}
