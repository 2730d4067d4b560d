namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// A face the detector found in a photo, in photo pixels: its box, the detector's confidence, and the five alignment
/// points in <see cref="FaceAligner.TemplatePoints"/> order (left eye, right eye, nose tip, left and right mouth corner).
/// </summary>
public sealed record DetectedFace((double X, double Y, double Width, double Height) Box, double Score, IReadOnlyList<(double X, double Y)> Points);
