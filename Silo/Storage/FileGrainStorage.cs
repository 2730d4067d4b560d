using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Orleans.Runtime;
using Orleans.Storage;

namespace FaceKdGrid.Silo.Storage;

/// <summary>
/// Grain state in a local folder, one file per grain state, for the embedded silo of <c>facekd</c> (no cluster, no
/// storage account). Hand-written because Orleans ships no file provider (its providers need a server: Azure, Redis,
/// ADO.NET). A write goes to a temporary file that is flushed and then renamed over the old one, so a crash leaves the
/// old state or the new, never a torn one; each file carries its ETag and a SHA-256 of its content, so a stale write
/// fails as on the other providers and a damaged file is named, never silently reset. One silo owns the folder; each
/// grain's own writes are already serialised by its turns.
/// </summary>
public sealed class FileGrainStorage(FileGrainStorageOptions options) : IGrainStorage
{
    private const string Magic = "facekd-grain-state/1";

    private const string StateExtension = ".state";

    private const string TemporaryExtension = ".tmp";

    /// <summary>
    /// The ETag of each file as this provider last read or wrote it: the folder's one owner checks a write against it
    /// instead of reading and hashing the whole file again (a sweep's state grows with the sweep).
    /// </summary>
    private readonly ConcurrentDictionary<string, string?> knownETags = new();

    private string Root => options.Root;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = PathOf(stateName, grainId);
        if (await ReadAsync(path) is not { } stored)
        {
            // The state keeps the new instance Orleans gave it.
            knownETags[path] = null;
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        try
        {
            grainState.State = options.GrainStorageSerializer.Deserialize<T>(new BinaryData(stored.Payload));
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // The checksum held, so the bytes are as written: another version's state format, not damage.
            throw new InvalidDataException(
                $"grain state file '{path}' is intact but does not deserialise as {typeof(T).Name}: it was most likely written by " +
                $"another FaceKdGrid version, whose state format differs ({error.Message}). {LeftAsItIs}", error);
        }
        knownETags[path] = stored.ETag;
        grainState.ETag = stored.ETag;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = PathOf(stateName, grainId);
        await CheckETagAsync(path, grainState.ETag);
        var payload = options.GrainStorageSerializer.Serialize(grainState.State).ToArray();
        var etag = Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}{TemporaryExtension}";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await using (var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
                {
                    writer.Write(Magic);
                    writer.Write(etag);
                    writer.Write(payload.Length);
                    writer.Write(payload);
                    writer.Write(SHA256.HashData(payload));
                }
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        knownETags[path] = etag;
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = PathOf(stateName, grainId);
        await CheckETagAsync(path, grainState.ETag);
        File.Delete(path);
        knownETags[path] = null;
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>
    /// The state's file: a folder per grain type, the key escaped (a sweep/trial key holds '/'), the state name after it.
    /// </summary>
    public string PathOf(string stateName, GrainId grainId) =>
        Path.Combine(Root, Uri.EscapeDataString(grainId.Type.ToString()!), $"{Uri.EscapeDataString(grainId.Key.ToString()!)}.{Uri.EscapeDataString(stateName)}{StateExtension}");

    private async Task CheckETagAsync(string path, string? expected)
    {
        var current = knownETags.TryGetValue(path, out var known) ? known : (await ReadAsync(path))?.ETag;
        if (current != expected)
        {
            throw new InconsistentStateException($"grain state file '{path}' was written since this grain read it (ETag {current ?? "none"}, expected {expected ?? "none"})", current, expected);
        }
    }

    private static async Task<StoredState?> ReadAsync(string path)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (reader.ReadString() != Magic)
            {
                throw Corrupt(path, "it is not a FaceKdGrid grain state file", null);
            }
            var etag = reader.ReadString();
            var payload = reader.ReadBytes(reader.ReadInt32());
            var checksum = reader.ReadBytes(SHA256.HashSizeInBytes);
            if (checksum.Length != SHA256.HashSizeInBytes || !checksum.AsSpan().SequenceEqual(SHA256.HashData(payload)) || reader.BaseStream.Position != bytes.Length)
            {
                throw Corrupt(path, "its checksum does not match its content", null);
            }
            return new StoredState(etag, payload);
        }
        catch (Exception error) when (error is EndOfStreamException or IOException or ArgumentOutOfRangeException or FormatException)
        {
            throw Corrupt(path, $"it is truncated or malformed ({error.Message})", error);
        }
    }

    private const string LeftAsItIs = "It was left as it is; move it away to restart that grain from nothing, " +
        "or delete the state folder (or use a new sweep name) to start over";

    private static InvalidDataException Corrupt(string path, string reason, Exception? inner) =>
        new($"grain state file '{path}' is corrupt: {reason}. {LeftAsItIs}", inner);

    private sealed record StoredState(string ETag, byte[] Payload);
}
