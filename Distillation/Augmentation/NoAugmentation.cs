using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Augmentation;

/// <summary>The baseline: a copy of the batch, unchanged; draws nothing from the generator.</summary>
public sealed class NoAugmentation : IBatchAugmentation
{
    public Tensor Apply(Tensor images, Generator generator)
    {
        BatchBoxes.Validate(images, generator);
        return images.clone();
    }
}
