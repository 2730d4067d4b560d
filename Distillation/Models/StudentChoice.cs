namespace FaceKdGrid.Distillation.Models;

/// <summary>
/// The MobileFaceNet picked for a requested compression ratio: its configuration, parameter count, the ratio it
/// actually achieves (teacher parameters / <see cref="Parameters"/>) and its multiply-accumulates per image.
/// </summary>
public sealed record StudentChoice(MobileFaceNetConfig Config, long Parameters, double AchievedRatio, long MultiplyAdds);
