namespace FaceKdGrid.Distillation.Models.Dlib;

/// <summary>One weight as a TensorFlow.js weights manifest lists it (fields may be missing in a malformed file).</summary>
internal sealed record TfjsWeightSpec(string? Name, long[]? Shape, string? Dtype, TfjsQuantization? Quantization);
