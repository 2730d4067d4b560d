namespace FaceKdGrid.Grains.Specs;

/// <summary>The label-free knowledge-distillation loss (DESIGN.md, "KD losses").</summary>
public enum DistillationLoss
{
    Feature,
    Indirect,
    IndirectFeature,
    Contrastive,
}
