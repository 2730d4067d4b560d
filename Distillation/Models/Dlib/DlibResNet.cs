using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models.Dlib;

/// <summary>
/// dlib's ResNet-29 face descriptor (dlib_face_recognition_resnet_model_v1, as ported by face-api): 150x150 RGB in,
/// 128-d descriptor out (norms about 1.4; dlib matches faces at Euclidean distance below 0.6). Takes dlib's own face
/// chips (<see cref="Data.DlibChipLayout"/>) in the project's normalisation (<see cref="Data.FaceTensors"/>: RGB in
/// [-1, 1]) and converts to dlib's itself. The grid's crops are in another layout: <see cref="DlibChipEmbedder"/>
/// re-aligns them first. Load the pretrained weights with <see cref="DlibWeights"/>.
/// Sub-module names follow the package's weight names (conv32_down, conv32_1, ..., fc).
/// </summary>
public sealed class DlibResNet : FaceEmbedder
{
    private const int NativeInputSize = 150;
    private const int DescriptorSize = 128;

    /// <summary>dlib's per-channel RGB means on the 0..255 scale.</summary>
    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private readonly Sequential body;
    private readonly Linear fc;

    public DlibResNet() : base(nameof(DlibResNet))
    {
        body = nn.Sequential(
            ("conv32_down", new DlibConvLayer("conv32_down", 3, 32, kernelSize: 7, stride: 2, samePadding: false)),
            ("conv32_down_relu", nn.ReLU()),
            ("pool", nn.MaxPool2d(kernel_size: 3, stride: 2)),
            ("conv32_1", new DlibResidualBlock("conv32_1", 32)),
            ("conv32_2", new DlibResidualBlock("conv32_2", 32)),
            ("conv32_3", new DlibResidualBlock("conv32_3", 32)),
            ("conv64_down", new DlibDownBlock("conv64_down", 32, 64)),
            ("conv64_1", new DlibResidualBlock("conv64_1", 64)),
            ("conv64_2", new DlibResidualBlock("conv64_2", 64)),
            ("conv64_3", new DlibResidualBlock("conv64_3", 64)),
            ("conv128_down", new DlibDownBlock("conv128_down", 64, 128)),
            ("conv128_1", new DlibResidualBlock("conv128_1", 128)),
            ("conv128_2", new DlibResidualBlock("conv128_2", 128)),
            ("conv256_down", new DlibDownBlock("conv256_down", 128, 256)),
            ("conv256_1", new DlibResidualBlock("conv256_1", 256)),
            ("conv256_2", new DlibResidualBlock("conv256_2", 256)),
            ("conv256_down_out", new DlibDownBlock("conv256_down_out", 256, 256)));
        fc = nn.Linear(256, DescriptorSize, hasBias: false);
        RegisterComponents();
    }

    public override int EmbeddingSize => DescriptorSize;

    public override int InputSize => NativeInputSize;

    /// <param name="input">float32 [B, 3, 150, 150], dlib chips, RGB in [-1, 1].</param>
    /// <returns>Descriptors [B, 128], not normalised.</returns>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != 3 || input.shape[2] != NativeInputSize || input.shape[3] != NativeInputSize
            || !input.is_floating_point())
        {
            throw new ArgumentException(
                $"expected normalised RGB chips, floating point [B, 3, {NativeInputSize}, {NativeInputSize}], got {input.dtype} [{string.Join(", ", input.shape)}]",
                nameof(input));
        }
        using var scope = torch.NewDisposeScope();
        var features = body.forward(ToDlibInput(input));
        var pooled = features.mean([2, 3]);
        return fc.forward(pooled).MoveToOuterDisposeScope();
    }

    /// <summary>The scale of <see cref="ToDlibInput"/>: [-1, 1] to dlib's (x255 - mean) / 255 is x / 2 + (127.5 - mean) / 255.</summary>
    internal const float InputScale = 0.5f;

    /// <summary>The per-channel (RGB) offsets of <see cref="ToDlibInput"/>.</summary>
    internal static float[] InputOffsets { get; } = [.. MeanRgb.Select(mean => (127.5f - mean) / 255f)];

    private static Tensor ToDlibInput(Tensor input)
    {
        var offsets = torch.tensor(InputOffsets, dtype: input.dtype, device: input.device).view(1, 3, 1, 1);
        return input.mul(InputScale).add_(offsets);
    }
}
