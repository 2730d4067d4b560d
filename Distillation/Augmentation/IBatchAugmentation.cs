using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Augmentation;

/// <summary>
/// Alters a batch of aligned crops [B, 3, S, S] of any dtype (uint8 or float) on any device. Returns a NEW tensor
/// of the same shape, dtype and device and leaves the input unchanged. The result depends only on the batch and
/// the state of <c>generator</c>, which must be a CPU generator: every random number is drawn on the CPU, so the
/// same seed gives the same augmentation on every device.
/// </summary>
public interface IBatchAugmentation
{
    Tensor Apply(Tensor images, Generator generator);
}
