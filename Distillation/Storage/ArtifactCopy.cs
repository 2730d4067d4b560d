using System.Security.Cryptography;

namespace FaceKdGrid.Distillation.Storage;

/// <summary>
/// Copies of one artifact between stores, or between a store and a file, checked end to end against the SHA-256 the
/// source records: the read checks the bytes against the source's record (<see cref="IArtifactStore.OpenReadAsync"/>),
/// and the destination's own record must then equal it, or the copy fails with <see cref="ArtifactCorruptException"/>.
/// </summary>
public static class ArtifactCopy
{
    public static async Task<ArtifactInfo> BetweenStoresAsync(IArtifactStore from, IArtifactStore to, string key, CancellationToken cancellationToken = default)
    {
        var expected = await from.GetInfoAsync(key, cancellationToken) ?? throw new ArtifactNotFoundException(key, from.Describe(key));
        await using (var content = await from.OpenReadAsync(key, cancellationToken))
        {
            await to.WriteAsync(key, content, cancellationToken);
        }
        return await VerifyAsync(to, key, expected, cancellationToken);
    }

    /// <summary>Stores the file at <paramref name="path"/> under <paramref name="key"/>.</summary>
    public static async Task<ArtifactInfo> FromFileAsync(string path, IArtifactStore to, string key, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var expected = new ArtifactInfo(key, file.Length, Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken)));
        file.Position = 0;
        await to.WriteAsync(key, file, cancellationToken);
        return await VerifyAsync(to, key, expected, cancellationToken);
    }

    /// <summary>Writes the artifact to <paramref name="path"/> through a temporary file beside it, renamed into place once checked.</summary>
    public static async Task<ArtifactInfo> ToFileAsync(IArtifactStore from, string key, string path, CancellationToken cancellationToken = default)
    {
        var expected = await from.GetInfoAsync(key, cancellationToken) ?? throw new ArtifactNotFoundException(key, from.Describe(key));
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            (long Length, string Sha256) written;
            await using (var content = await from.OpenReadAsync(key, cancellationToken))
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                written = await HashingCopy.CopyAsync(content, file, cancellationToken);
            }
            var actual = new ArtifactInfo(key, written.Length, written.Sha256);
            Require(actual, expected, path);
            File.Move(temporary, path, overwrite: true);
            return actual;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static async Task<ArtifactInfo> VerifyAsync(IArtifactStore to, string key, ArtifactInfo expected, CancellationToken cancellationToken)
    {
        var stored = await to.GetInfoAsync(key, cancellationToken) ?? throw new ArtifactNotFoundException(key, to.Describe(key));
        Require(stored, expected, to.Describe(key));
        return stored;
    }

    private static void Require(ArtifactInfo actual, ArtifactInfo expected, string location)
    {
        if (actual.Sha256 != expected.Sha256 || actual.Length != expected.Length)
        {
            throw new ArtifactCorruptException(actual.Key, location, expected.Sha256, actual.Sha256, actual.Length);
        }
    }
}
