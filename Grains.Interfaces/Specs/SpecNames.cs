namespace FaceKdGrid.Grains.Specs;

/// <summary>How the sweep spec spells each enumerated setting.</summary>
public static class SpecNames
{
    public static NameTable<TeacherKind> TeacherKinds { get; } = new(
        ("train", TeacherKind.Train), ("checkpoint", TeacherKind.Checkpoint), ("dlib", TeacherKind.Dlib), ("onnx", TeacherKind.Onnx));

    public static NameTable<SweepMetric> Metrics { get; } = new(
        ("accuracy", SweepMetric.Accuracy), ("tar", SweepMetric.Tar));

    public static NameTable<OptimisationMode> Modes { get; } = new(
        ("max", OptimisationMode.Max), ("min", OptimisationMode.Min));

    public static NameTable<SchedulerKind> Schedulers { get; } = new(
        ("fifo", SchedulerKind.Fifo), ("asha", SchedulerKind.Asha));

    /// <summary>Devices a sweep may ask for; the engine resolves them (cuda means any CUDA device).</summary>
    public static IReadOnlyList<string> Devices { get; } = ["cpu", "cuda", "auto"];
}
