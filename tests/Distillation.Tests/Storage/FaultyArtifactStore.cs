using System.Runtime.CompilerServices;
using FaceKdGrid.Distillation.Storage;

namespace FaceKdGrid.Distillation.Tests.Storage;

/// <summary>A test double around a real store that fails or stalls calls on demand and counts the calls that reach it.</summary>
internal sealed class FaultyArtifactStore(IArtifactStore inner) : IArtifactStore
{
    private int calls;

    /// <summary>Calls that reached this store.</summary>
    public int Calls => calls;

    /// <summary>Runs before each call with the call's 1-based number: throw to fail the call, delay to stall it.</summary>
    public Func<int, CancellationToken, Task> BeforeCall { get; set; } = (_, _) => Task.CompletedTask;

    public async Task<ArtifactInfo> WriteAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        try
        {
            await BeforeCallAsync(cancellationToken);
        }
        catch
        {
            // Like a dropped upload, a failed write has already consumed part of the content.
            _ = await content.ReadAsync(new byte[3], cancellationToken);
            throw;
        }
        return await inner.WriteAsync(key, content, cancellationToken);
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        await BeforeCallAsync(cancellationToken);
        return await inner.OpenReadAsync(key, cancellationToken);
    }

    public async Task<ArtifactInfo?> GetInfoAsync(string key, CancellationToken cancellationToken = default)
    {
        await BeforeCallAsync(cancellationToken);
        return await inner.GetInfoAsync(key, cancellationToken);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        await BeforeCallAsync(cancellationToken);
        await inner.DeleteAsync(key, cancellationToken);
    }

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await BeforeCallAsync(cancellationToken);
        await foreach (var key in inner.ListAsync(prefix, cancellationToken))
        {
            yield return key;
        }
    }

    public string Describe(string key) => inner.Describe(key);

    private Task BeforeCallAsync(CancellationToken cancellationToken) => BeforeCall(Interlocked.Increment(ref calls), cancellationToken);
}
