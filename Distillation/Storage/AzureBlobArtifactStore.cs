using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace FaceKdGrid.Distillation.Storage;

/// <summary>
/// Artifacts as block blobs in one Azure Storage container (Azurite locally), named by key under an optional prefix.
/// A write streams the content in blocks of <see cref="BlockSize"/> bytes while hashing it and stores the SHA-256 as
/// the blob's "sha256" metadata, so <see cref="GetInfoAsync"/> reads only the blob's properties and every read checks
/// the content against it (the metadata comes with the content in one response, so both belong to the same version).
/// Writes are atomic for readers because Azure changes a blob's content only when a Put Blob or Put Block List
/// request commits: staged blocks stay invisible until then, and the commit replaces the whole blob (content and
/// metadata) at once, so a reader sees the old version or the new one, never a mixture.
/// </summary>
public sealed partial class AzureBlobArtifactStore : IArtifactStore
{
    /// <summary>Bytes per staged block: the memory one write holds, and 50,000 blocks (Azure's limit) make ~390 GiB.</summary>
    public const int BlockSize = 8 << 20;

    private const string Sha256Metadata = "sha256";

    private readonly BlobContainerClient container;
    private readonly string namePrefix;
    private volatile bool containerExists;

    /// <summary>
    /// Connects with a connection string (e.g. <c>UseDevelopmentStorage=true</c> or an explicit devstoreaccount1
    /// string for Azurite). Without <paramref name="clientOptions"/> the SDK's own retries are off: the
    /// <see cref="ResilientArtifactStore"/> around this store retries whole operations, and stacking both would
    /// multiply attempts and hide them from its counters.
    /// </summary>
    public AzureBlobArtifactStore(string connectionString, string containerName, string? prefix = null, BlobClientOptions? clientOptions = null)
        : this(CreateServiceClient(connectionString, clientOptions ?? new BlobClientOptions { Retry = { MaxRetries = 0 } }), containerName, prefix)
    {
    }

    /// <summary>Uses a client configured elsewhere (credentials, options), e.g. the one the silo shares with Orleans.</summary>
    public AzureBlobArtifactStore(BlobServiceClient service, string containerName, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(containerName);
        if (!ContainerNamePattern().IsMatch(containerName))
        {
            throw new ArgumentException(
                $"container name '{containerName}' must be 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit",
                nameof(containerName));
        }
        container = service.GetBlobContainerClient(containerName);
        namePrefix = prefix is null ? "" : ArtifactKey.Validate(prefix) + "/";
    }

    public async Task<ArtifactInfo> WriteAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var blob = container.GetBlockBlobClient(BlobName(key));
        await EnsureContainerAsync(cancellationToken);
        await using var blocks = new BlockStagingStream(blob, BlockSize);
        var (length, sha256) = await HashingCopy.CopyAsync(content, blocks, cancellationToken);
        await blocks.CommitAsync(new Dictionary<string, string> { [Sha256Metadata] = sha256 }, cancellationToken);
        return new ArtifactInfo(key, length, sha256);
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var blob = container.GetBlobClient(BlobName(key));
        try
        {
            // One streamed GET; the SDK resumes it from the same blob version (by ETag) if the connection drops.
            var download = (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
            // A blob put there by another tool has no hash on record, and reads unchecked.
            return download.Details.Metadata.TryGetValue(Sha256Metadata, out var sha256)
                ? new ChecksumVerifyingStream(download.Content, key, Describe(key), sha256)
                : download.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new ArtifactNotFoundException(key, Describe(key));
        }
    }

    public async Task<ArtifactInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        var blob = container.GetBlobClient(BlobName(key));
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        if (properties.Metadata.TryGetValue(Sha256Metadata, out var sha256))
        {
            return new ArtifactInfo(key, properties.ContentLength, sha256);
        }
        // A blob put there by another tool: hash exactly the version whose properties were just read.
        var download = await blob.DownloadStreamingAsync(
            new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = properties.ETag } }, cancellationToken);
        await using var stream = download.Value.Content;
        var (length, hash) = await HashingCopy.CopyAsync(stream, Stream.Null, cancellationToken);
        return new ArtifactInfo(key, length, hash);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var blob = container.GetBlobClient(BlobName(key));
        await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (!await ContainerExistsAsync(cancellationToken))
        {
            yield break;
        }
        // Azure lists names in ascending UTF-8 byte order, which is ordinal order for every key without characters
        // beyond the Basic Multilingual Plane.
        var options = new GetBlobsOptions { Prefix = namePrefix + prefix };
        await foreach (var item in container.GetBlobsAsync(options, cancellationToken))
        {
            yield return item.Name[namePrefix.Length..];
        }
    }

    /// <summary>The blob's URI without query string or user information, so never a SAS token.</summary>
    public string Describe(string key) =>
        container.GetBlobClient(BlobName(key)).Uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    private static BlobServiceClient CreateServiceClient(string connectionString, BlobClientOptions clientOptions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            return new BlobServiceClient(connectionString, clientOptions);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            // The parser's message may quote a setting, and a setting may be the account key: name only the problem.
            throw new ArgumentException(
                $"the connection string is not a valid Azure Storage connection string ({e.GetType().Name})", nameof(connectionString));
        }
    }

    [GeneratedRegex("^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ContainerNamePattern();

    private string BlobName(string key) => namePrefix + ArtifactKey.Validate(key);

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!containerExists)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            containerExists = true;
        }
    }

    private async Task<bool> ContainerExistsAsync(CancellationToken cancellationToken)
    {
        // Reads never create the container; once it is known to exist, asking again would only cost a request.
        if (!containerExists && await container.ExistsAsync(cancellationToken))
        {
            containerExists = true;
        }
        return containerExists;
    }
}
