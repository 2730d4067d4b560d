using System.Diagnostics;
using FaceKdGrid.Distillation.Augmentation;
using FaceKdGrid.Distillation.Evaluation;
using FaceKdGrid.Distillation.Losses;
using FaceKdGrid.Distillation.Runtime;
using FaceKdGrid.Distillation.Synth;
using FaceKdGrid.Distillation.Trials;
using Xunit;

namespace FaceKdGrid.Distillation.Tests.Synth;

public sealed class SynthFaceTuning
{
    private const string Log = "/tmp/synth/kd.txt";

    private static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) ?? fallback;

    private static int EnvInt(string name, int fallback) => int.Parse(Env(name, fallback.ToString()));

    private static void Report(string line) => File.AppendAllLines(Log, [$"{DateTime.Now:HH:mm:ss} {line}"]);

    [Fact]
    [Trait("Category", "Tuning")]
    public async Task TeacherAndStudents()
    {
        TorchRuntime.Initialise(cpuThreads: EnvInt("SYNTH_THREADS", 2));
        var device = TorchRuntime.ResolveDevice(Env("SYNTH_DEVICE", "cpu"));
        var size = EnvInt("SYNTH_SIZE", 32);
        var level = SynthFaceDifficulty.Parse(Env("SYNTH_LEVEL", "standard"));
        var generator = new SynthFaceGenerator(new SynthFaceOptions(size, level, seed: 2), device);
        var watch = Stopwatch.StartNew();
        using var evaluation = generator.RenderVerification(100_000, EnvInt("SYNTH_EVAL_IDS", 300), EnvInt("SYNTH_PAIRS", 100), 10);
        using var labeled = generator.RenderLabeled(0, EnvInt("SYNTH_TRAIN_IDS", 300), EnvInt("SYNTH_PER_ID", 20));
        using var pool = generator.RenderUnlabeledPool(10_000, EnvInt("SYNTH_POOL_IDS", 500), EnvInt("SYNTH_POOL", 6000), 1.0);
        var raw = RawPixelBaseline.Evaluate(evaluation);
        Report($"{level.Name} {size}px rendered in {watch.Elapsed.TotalSeconds:F0}s; raw pixels {raw.Accuracy:F3} ± {raw.AccuracyStd:F3}");

        var context = new TrialContext(device);
        var teacherSettings = new TeacherTrainingSettings();
        teacherSettings = teacherSettings with { Training = teacherSettings.Training with { Epochs = EnvInt("SYNTH_TEACHER_EPOCHS", 10) } };
        watch.Restart();
        var teacherResult = await TeacherTraining.RunAsync(teacherSettings, labeled, evaluation, context);
        using var teacher = teacherResult.Teacher;
        Report($"teacher {teacherSettings.Model}: {teacherResult.Evaluation.Accuracy:F3} ± {teacherResult.Evaluation.AccuracyStd:F3}, TAR@1e-3 {teacherResult.Evaluation.TarAtFar1e3:F3} ({watch.Elapsed.TotalSeconds:F0}s)");

        var data = new DistillationData([pool], "synth-pool", evaluation);
        (string Name, KdLossSettings Loss, AugmentationSettings Augmentation)[] students =
        [
            ("feature", new KdLossSettings(KdLossKind.Feature), new AugmentationSettings(AugmentationMethod.None, 0)),
            ("indirect+feature, replacement", new KdLossSettings(KdLossKind.IndirectFeature), new AugmentationSettings(AugmentationMethod.ContentReplacement, 0.5)),
        ];
        foreach (var (name, loss, augmentation) in students.Take(EnvInt("SYNTH_STUDENTS", 2)))
        {
            watch.Restart();
            var settings = new DistillationSettings { Loss = loss, Augmentation = augmentation };
            settings = settings with { Training = settings.Training with { Epochs = EnvInt("SYNTH_STUDENT_EPOCHS", 6) } };
            var result = await StudentDistillation.RunAsync(settings, teacher, data, context);
            Report($"student {name} ({result.Student.Config}): untrained {result.Untrained.Accuracy:F3}, trained {result.Final.Accuracy:F3} ± {result.Final.AccuracyStd:F3} ({watch.Elapsed.TotalSeconds:F0}s)");
        }
    }
}
