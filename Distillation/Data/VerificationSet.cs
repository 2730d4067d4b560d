using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Data;

/// <summary>
/// Face pairs in the layout of InsightFace's verification .bin files and LFW: images [2N, 3, S, S] uint8 where
/// pair i is (2i, 2i+1), and IsSame[i] says whether the two show one identity. Folds are contiguous blocks of
/// pairs (LFW: 10 folds of 300 matched + 300 mismatched, identity-disjoint). SynthFace folds are identity-disjoint
/// by construction; an ingested file's folds are what the file gives.
/// </summary>
public sealed class VerificationSet : IDisposable
{
    public VerificationSet(Tensor images, IReadOnlyList<bool> isSame, int foldCount = 10)
    {
        if (images.dtype != ScalarType.Byte || images.dim() != 4 || images.shape[1] != 3 || images.shape[2] != images.shape[3])
        {
            throw new ArgumentException($"images must be a uint8 tensor [2N, 3, S, S]; got {images.dtype} [{string.Join(", ", images.shape)}]", nameof(images));
        }
        if (images.shape[0] != 2L * isSame.Count)
        {
            throw new ArgumentException($"{isSame.Count} pairs need {2 * isSame.Count} images; got {images.shape[0]}", nameof(isSame));
        }
        if (foldCount < 2 || foldCount > isSame.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(foldCount), foldCount, $"need 2 to {isSame.Count} folds");
        }
        Images = images;
        IsSame = isSame;
        FoldCount = foldCount;
    }

    public Tensor Images { get; }

    public IReadOnlyList<bool> IsSame { get; }

    public int FoldCount { get; }

    public int PairCount => IsSame.Count;

    public int ImageSize => (int)Images.shape[2];

    public void Dispose() => Images.Dispose();
}
