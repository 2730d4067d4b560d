using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace FaceKdGrid.TestSupport.Storage;

/// <summary>
/// Damage done to a stored artifact behind its store's back, as a failing disk or a broken copy would do it: the
/// content changes, the SHA-256 recorded with it (blob metadata, or the ".sha256" file beside a local one) does not.
/// </summary>
public static class StoredDamage
{
    /// <summary>The first half only, as an interrupted copy leaves it.</summary>
    public static byte[] Truncate(byte[] content) => content[..(content.Length / 2)];

    /// <summary>One bit changed in the middle of the content.</summary>
    public static byte[] FlipBit(byte[] content)
    {
        var damaged = content.ToArray();
        damaged[damaged.Length / 2] ^= 0x10;
        return damaged;
    }

    /// <summary>One of the above by its name, for theories.</summary>
    public static Func<byte[], byte[]> Named(string name) => name switch
    {
        nameof(Truncate) => Truncate,
        nameof(FlipBit) => FlipBit,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such damage"),
    };

    /// <summary>Replaces the blob's content with the damaged one, keeping its metadata.</summary>
    public static async Task ToBlobAsync(BlobClient blob, Func<byte[], byte[]> damage)
    {
        var stored = (await blob.DownloadContentAsync()).Value;
        await blob.UploadAsync(BinaryData.FromBytes(damage(stored.Content.ToArray())),
            new BlobUploadOptions { Metadata = stored.Details.Metadata });
    }

    /// <summary>Rewrites the file with the damaged content, leaving the hash beside it alone.</summary>
    public static async Task ToFileAsync(string path, Func<byte[], byte[]> damage) =>
        await File.WriteAllBytesAsync(path, damage(await File.ReadAllBytesAsync(path)));
}
