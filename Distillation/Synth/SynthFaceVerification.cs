using FaceKdGrid.Distillation.Data;

namespace FaceKdGrid.Distillation.Synth;

/// <summary>
/// A verification set with what the renderer knows about it: the identity of every image (relative to the first
/// identity of the range; pair i is images 2i and 2i+1) and which mismatched pairs are hard negatives (the nearest
/// other identity), so errors can be broken down by pair kind.
/// </summary>
public sealed record SynthFaceVerification(VerificationSet Set, IReadOnlyList<int> ImageIdentities, IReadOnlyList<bool> IsHardNegative) : IDisposable
{
    public void Dispose() => Set.Dispose();
}
