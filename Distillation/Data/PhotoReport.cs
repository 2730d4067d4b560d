namespace FaceKdGrid.Distillation.Data;

/// <summary>One decoded photo and how many faces were found (and aligned) in it.</summary>
public sealed record PhotoReport(string Photo, int FacesFound);
