namespace FaceKdGrid.Distillation.Augmentation;

/// <summary>How a training batch is altered before teacher and student see it (spec names in <see cref="AugmentationNames"/>).</summary>
public enum AugmentationMethod
{
    /// <summary>The batch is used as it is.</summary>
    None,

    /// <summary>A facial region of a sample is replaced by the same region of another sample in the batch.</summary>
    ContentReplacement,

    /// <summary>A random square is filled with the image's own mean colour.</summary>
    Cutout,

    /// <summary>A random box is pasted from another sample in the batch; the teacher labels the mixed image.</summary>
    CutMix,
}
