using FaceKdGrid.Distillation.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace FaceKdGrid.Distillation.Tests.Augmentation;

/// <summary>Random uint8 batches and helpers to compare boxes of them.</summary>
internal static class TestBatches
{
    public static Tensor RandomBytes(int batch, int size, long seed = 7)
    {
        TorchRuntime.Initialise(cpuThreads: 1);
        using var generator = new Generator((ulong)seed);
        return torch.randint(0, 256, [batch, 3, size, size], dtype: ScalarType.Byte, generator: generator);
    }

    public static Generator Seeded(long seed) => new((ulong)seed);

    /// <summary>[1, S, S] bool mask of a pixel box.</summary>
    public static Tensor BoxMask((int X0, int Y0, int X1, int Y1) box, int size)
    {
        var mask = torch.zeros([1, size, size], dtype: ScalarType.Bool);
        mask[.., box.Y0..box.Y1, box.X0..box.X1] = torch.tensor(true);
        return mask;
    }

    /// <summary>The partner j != i whose box content <paramref name="augmented"/> carries at sample i, or -1.</summary>
    public static int PartnerWithBox(Tensor original, Tensor augmented, int i, Tensor boxMask)
    {
        for (var j = 0; j < original.shape[0]; j++)
        {
            if (j == i)
            {
                continue;
            }
            using var expected = torch.where(boxMask, original[j], original[i]);
            if (expected.Equals(augmented[i]))
            {
                return j;
            }
        }
        return -1;
    }
}
