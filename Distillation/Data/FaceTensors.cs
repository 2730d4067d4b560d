using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Data;

/// <summary>Conversions between stored uint8 crops and model inputs.</summary>
public static class FaceTensors
{
    /// <summary>uint8 [B, 3, S, S] to float32 in [-1, 1] (InsightFace's (x - 127.5) / 127.5), on <paramref name="device"/>.</summary>
    public static Tensor ToModelInput(Tensor images, Device device)
    {
        using var onDevice = images.to(device);
        return onDevice.to_type(ScalarType.Float32).sub_(127.5).div_(127.5);
    }

    /// <summary>float32 model input in [-1, 1] back to pixel values 0..255 (float32, not rounded), for models that normalise their own way.</summary>
    public static Tensor ToPixels(Tensor modelInput) => modelInput.mul(127.5).add_(127.5);

    /// <summary>float32 model input in [-1, 1] back to uint8 [B, 3, S, S] (rounded, clipped).</summary>
    public static Tensor ToBytes(Tensor modelInput)
    {
        using var scaled = modelInput.mul(127.5).add_(127.5).round_().clamp_(0, 255);
        return scaled.to_type(ScalarType.Byte);
    }
}
