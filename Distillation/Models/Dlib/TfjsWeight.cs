namespace FaceKdGrid.Distillation.Models.Dlib;

/// <summary>A decoded TensorFlow.js weight: float32 values in row-major order of the stored <see cref="Shape"/>.</summary>
internal sealed record TfjsWeight(string Name, long[] Shape, float[] Values);
