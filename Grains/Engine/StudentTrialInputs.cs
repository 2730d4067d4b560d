using FaceKdGrid.Distillation.Synth;
using FaceKdGrid.Distillation.Trials;

namespace FaceKdGrid.Grains.Engine;

/// <summary>
/// What a student trial's search-space values set in the engine: its <see cref="DistillationSettings"/>, and the
/// imbalance of the SynthFace pool it learns from (a pool-level key, so one sweep can compare pools).
/// </summary>
public sealed record StudentTrialInputs
{
    public DistillationSettings Settings { get; init; } = new();

    public double PoolZipf { get; init; } = new SynthFacePlan().PoolZipf;
}
