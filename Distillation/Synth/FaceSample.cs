namespace FaceKdGrid.Distillation.Synth;

/// <summary>One image to render: who (identity) and how (nuisance).</summary>
internal sealed record FaceSample(FaceIdentity Identity, FaceNuisance Nuisance);
