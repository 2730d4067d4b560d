namespace FaceKdGrid.Distillation.Models.Dlib;

/// <summary>A TensorFlow.js manifest's quantisation of one weight: stored integers q stand for q * Scale + Min.</summary>
internal sealed record TfjsQuantization(string? Dtype, double Scale, double Min);
