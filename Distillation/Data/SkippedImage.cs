namespace FaceKdGrid.Distillation.Data;

/// <summary>An image an ingest could not use: where it was (file or record) and why.</summary>
public sealed record SkippedImage(string Item, string Reason);
