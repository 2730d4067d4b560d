using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FaceKdGrid.Distillation.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Models.Dlib;

/// <summary>
/// dlib's face descriptor on the grid's crops: each crop, in <see cref="AlignedFaceLayout"/> at any square size, is
/// re-aligned to dlib's chip layout (<see cref="DlibChipLayout"/>, 150 px) on its own device and then described by
/// <see cref="DlibResNet"/>. This is the dlib teacher's network, so teacher targets, evaluation, agreement and
/// caches all see faces the way dlib was trained to. The bottom rows of a chip (about 17 of 150: below the chin)
/// lie outside an ArcFace crop and are filled with 0, the mid grey of the [-1, 1] input.
/// </summary>
public sealed class DlibChipEmbedder : FaceEmbedder
{
    /// <summary>
    /// A digest of this input pipeline (the chip's points and size, the sampling and the fill) for the teacher's id, so
    /// that outputs cached under another layout are never reused.
    /// </summary>
    public static string LayoutTag { get; } = "chip-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join(';', DlibChipLayout.TemplatePoints().Select(point => string.Create(CultureInfo.InvariantCulture, $"{point.X:R},{point.Y:R}")))
        + $";{DlibChipLayout.ChipSize} px;bilinear;fill 0")))[..8];

    private readonly DlibResNet network;

    /// <param name="network">The descriptor; this module owns it from now on.</param>
    public DlibChipEmbedder(DlibResNet network) : base(nameof(DlibChipEmbedder))
    {
        ArgumentNullException.ThrowIfNull(network);
        this.network = network;
        RegisterComponents();
    }

    public override int EmbeddingSize => network.EmbeddingSize;

    public override int InputSize => DlibChipLayout.ChipSize;

    public override bool AcceptsAnyInputSize => true;

    /// <param name="input">float32 [B, 3, S, S] crops in <see cref="AlignedFaceLayout"/>, RGB in [-1, 1], any S.</param>
    /// <returns>Descriptors [B, 128], not normalised.</returns>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != 3 || input.shape[2] != input.shape[3] || input.shape[2] < 1
            || !input.is_floating_point())
        {
            throw new ArgumentException(
                $"expected normalised square RGB crops, floating point [B, 3, S, S], got {input.dtype} [{string.Join(", ", input.shape)}]",
                nameof(input));
        }
        using var scope = torch.NewDisposeScope();
        var chips = ToChips(input);
        return network.forward(chips).MoveToOuterDisposeScope();
    }

    /// <summary>ArcFace-layout crops [B, 3, S, S] as dlib chips [B, 3, 150, 150].</summary>
    public static Tensor ToChips(Tensor crops)
    {
        ArgumentNullException.ThrowIfNull(crops);
        return CropWarp.Warp(crops, DlibChipLayout.FromAlignedCrop((int)crops.shape[^1]), DlibChipLayout.ChipSize);
    }
}
