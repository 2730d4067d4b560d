namespace FaceKdGrid.Distillation.Models.Dlib;

/// <summary>
/// One group of a TensorFlow.js weights manifest: its weights lie back to back in the concatenation of the
/// binary files in <see cref="Paths"/> (relative to the manifest's folder).
/// </summary>
internal sealed record TfjsWeightGroup(string[]? Paths, TfjsWeightSpec[]? Weights);
