using FaceKdGrid.Distillation.Synth;

namespace FaceKdGrid.Distillation.Tests.Trials;

/// <summary>The SynthFace data of the student-trial tests: 192 pool faces and 4 folds of pairs at 32 px, seconds on a CPU.</summary>
internal static class TinyStudentTrialPlan
{
    public static readonly SynthFacePlan Plan = new()
    {
        ImageSize = 32,
        PoolIdentities = 24,
        PoolImages = 192,
        EvaluationIdentities = 12,
        PairsPerFold = 6,
        Folds = 4,
    };
}
