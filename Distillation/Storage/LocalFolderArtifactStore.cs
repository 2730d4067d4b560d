using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace FaceKdGrid.Distillation.Storage;

/// <summary>
/// The embedded default: artifacts as files under one folder. Writes go to a temporary file first and are renamed
/// into place, so a crash never leaves a half-written artifact. Each file's SHA-256 is kept beside it as
/// "{file}.sha256" (the line <c>sha256sum -c</c> checks), in the part a blob's metadata plays in Azure: the artifact
/// stays a plain file other tools can read, and every read checks it. Keys therefore may not end in ".sha256".
/// </summary>
public sealed class LocalFolderArtifactStore : IArtifactStore
{
    private const string ChecksumSuffix = ".sha256";
    private const string TemporarySuffix = ".tmp";

    private readonly string root;

    public LocalFolderArtifactStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        this.root = Path.GetFullPath(root);
        Directory.CreateDirectory(this.root);
    }

    public async Task<ArtifactInfo> WriteAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var unique = $".{Guid.NewGuid():N}{TemporarySuffix}";
        var temporary = path + unique;
        var temporaryChecksum = path + ChecksumSuffix + unique;
        try
        {
            (long Length, string Sha256) written;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                written = await HashingCopy.CopyAsync(content, file, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }
            await File.WriteAllTextAsync(temporaryChecksum, $"{written.Sha256}  {Path.GetFileName(path)}\n", cancellationToken);
            // The hash goes into place before the content and a read opens the content before reading the hash, so only
            // an overwrite racing a read (or a crash between the renames) can pair them wrongly: that reads as corrupt.
            File.Move(temporaryChecksum, path + ChecksumSuffix, overwrite: true);
            File.Move(temporary, path, overwrite: true);
            return new ArtifactInfo(key, written.Length, written.Sha256);
        }
        finally
        {
            File.Delete(temporary);
            File.Delete(temporaryChecksum);
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArtifactNotFoundException(key, path);
        }
        try
        {
            return await RecordedSha256Async(path, cancellationToken) is { } sha256 ? new ChecksumVerifyingStream(file, key, path, sha256) : file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public async Task<ArtifactInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
        }
        if (await RecordedSha256Async(path, cancellationToken) is { } sha256)
        {
            return new ArtifactInfo(key, new FileInfo(path).Length, sha256);
        }
        await using var file = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(file, cancellationToken);
        return new ArtifactInfo(key, file.Length, Convert.ToHexStringLower(hash));
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        File.Delete(path);
        File.Delete(path + ChecksumSuffix);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        if (!Directory.Exists(root))
        {
            yield break;
        }
        var keys = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(TemporarySuffix, StringComparison.Ordinal) && !f.EndsWith(ChecksumSuffix, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return key;
        }
    }

    public string Describe(string key) => PathOf(key);

    /// <summary>The hash written beside the file, or null for a file without one (put there by another tool, or
    /// written before checksums were kept), which reads unchecked.</summary>
    private static async Task<string?> RecordedSha256Async(string path, CancellationToken cancellationToken)
    {
        try
        {
            var line = await File.ReadAllTextAsync(path + ChecksumSuffix, cancellationToken);
            return line.Split(' ', 2)[0].Trim();
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private string PathOf(string key)
    {
        if (ArtifactKey.Validate(key).EndsWith(ChecksumSuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"artifact key '{key}' may not end in '{ChecksumSuffix}': a local store keeps each artifact's hash under that name", nameof(key));
        }
        return Path.Combine(root, key.Replace('/', Path.DirectorySeparatorChar));
    }
}
