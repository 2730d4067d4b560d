using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Data;

/// <summary>Conversions between stored uint8 crops and model inputs.</summary>
public static class FaceTensors
{
    /// <summary>The pixel value (0..255) that maps to 0: input = (pixel - PixelMean) / PixelScale, InsightFace's normalisation.</summary>
    public const double PixelMean = 127.5;

    /// <summary>The divisor that maps pixels 0..255 onto [-1, 1].</summary>
    public const double PixelScale = 127.5;

    /// <summary>uint8 [B, 3, S, S] to float32 in [-1, 1] (InsightFace's (x - 127.5) / 127.5), on <paramref name="device"/>.</summary>
    public static Tensor ToModelInput(Tensor images, Device device)
    {
        using var onDevice = images.to(device);
        return onDevice.to_type(ScalarType.Float32).sub_(PixelMean).div_(PixelScale);
    }

    /// <summary>float32 model input in [-1, 1] back to uint8 [B, 3, S, S] (rounded, clipped).</summary>
    public static Tensor ToBytes(Tensor modelInput)
    {
        using var scaled = modelInput.mul(PixelScale).add_(PixelMean).round_().clamp_(0, 255);
        return scaled.to_type(ScalarType.Byte);
    }
}
