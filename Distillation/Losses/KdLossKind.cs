namespace FaceKdGrid.Distillation.Losses;

/// <summary>Which label-free distillation objective a trial trains with (spec names in <see cref="KdLossKindNames"/>).</summary>
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
}
