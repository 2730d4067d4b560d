using FaceKdGrid.Distillation.Data;

namespace FaceKdGrid.Distillation.Synth;

/// <summary>
/// An unlabeled pool together with the identity hidden behind each image (relative to the first identity of the
/// range), kept apart from the faces so training cannot see it while balance statistics can be reported.
/// </summary>
public sealed record SynthFacePool(FaceSet Faces, IReadOnlyList<int> HiddenIdentities) : IDisposable
{
    public void Dispose() => Faces.Dispose();
}
