using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// Aligned square face crops held as a uint8 tensor [N, 3, S, S] (RGB, 0-255), with identity labels
/// [N] (int64) when the source knows them. Unlabeled pools simply have no labels.
/// </summary>
public sealed class FaceSet : IDisposable
{
    public FaceSet(Tensor images, Tensor? labels = null)
    {
        if (images.dtype != ScalarType.Byte || images.dim() != 4 || images.shape[1] != 3 || images.shape[2] != images.shape[3])
        {
            throw new ArgumentException($"images must be a uint8 tensor [N, 3, S, S]; got {images.dtype} [{string.Join(", ", images.shape)}]", nameof(images));
        }
        if (labels is not null && (labels.dtype != ScalarType.Int64 || labels.dim() != 1 || labels.shape[0] != images.shape[0]))
        {
            throw new ArgumentException($"labels must be an int64 tensor [{images.shape[0]}]; got {labels.dtype} [{string.Join(", ", labels.shape)}]", nameof(labels));
        }
        Images = images;
        Labels = labels;
    }

    public Tensor Images { get; }

    public Tensor? Labels { get; }

    public int Count => (int)Images.shape[0];

    public int ImageSize => (int)Images.shape[2];

    public bool HasLabels => Labels is not null;

    /// <summary>Number of distinct identities (largest label + 1); 0 when unlabeled.</summary>
    public int IdentityCount => Labels is null || Count == 0 ? 0 : (int)Labels.max().item<long>() + 1;

    public void Dispose()
    {
        Images.Dispose();
        Labels?.Dispose();
    }
}
