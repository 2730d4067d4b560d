namespace FaceKdGrid.Distillation.Training;

/// <summary>
/// Linear warm-up followed by cosine decay to zero, as a pure function of the global step, so a resumed run
/// needs nothing but the step count to continue on the same curve.
/// </summary>
public static class LearningRateSchedule
{
    public static double At(long step, long totalSteps, long warmupSteps, double baseRate)
    {
        if (step < warmupSteps)
        {
            return baseRate * (step + 1) / warmupSteps;
        }
        var decaySteps = Math.Max(1, totalSteps - warmupSteps);
        var progress = Math.Clamp((double)(step - warmupSteps) / decaySteps, 0, 1);
        return baseRate * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
