namespace FaceKdGrid.Distillation.Data;

/// <summary>One decoded face: RGB pixels in channel-first order (3 * S * S bytes) and its identity when known.</summary>
public readonly record struct FaceSample(byte[] Pixels, long? Label);
