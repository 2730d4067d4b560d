namespace FaceKdGrid.Distillation.Losses;

/// <summary>
/// What a student trial trains with (spec names in <see cref="KdLossKindNames"/>): a label-free distillation objective,
/// or the supervised baseline the distillation is compared against.
/// </summary>
public enum KdLossKind
{
    /// <summary>1 - cos(s, t) on embeddings: the direct baseline.</summary>
    Feature,

    /// <summary>T^2 KL between the teacher's and the student's softened softmax over scaled prototype cosines, weighted.</summary>
    Indirect,

    /// <summary>Indirect plus a weighted feature term.</summary>
    IndirectFeature,

    /// <summary>InfoNCE between student and teacher embeddings, with a queue of earlier teacher embeddings as extra negatives.</summary>
    Contrastive,

    /// <summary>No teacher targets: the same student trained with the pool's identity labels through an ArcFace head.</summary>
    Supervised,
}
