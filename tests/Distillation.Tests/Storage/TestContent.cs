namespace FaceKdGrid.Distillation.Tests.Storage;

/// <summary>Deterministic pseudo-random bytes, so large artifacts cannot hash correctly by accident.</summary>
internal static class TestContent
{
    public static byte[] Bytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
