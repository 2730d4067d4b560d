using System.Security.Cryptography;

namespace FaceKdGrid.Distillation.Storage;

/// <summary>Copies a stream to a destination while hashing it, so stores learn the SHA-256 without a second pass.</summary>
public static class HashingCopy
{
    public static async Task<(long Length, string Sha256)> CopyAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        long length = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            length += read;
        }
        return (length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
