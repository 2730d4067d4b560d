using FaceKdGrid.Grains.Data;
using FaceKdGrid.Grains.Training;
using Microsoft.Extensions.Options;

namespace FaceKdGrid.Grains.Engine;

/// <summary>
/// "Computed once across the cluster" over a data shard grain's claim / complete / wait protocol: the first
/// caller computes and stores the entry, the others wait for it and read it. A failed computation is abandoned
/// so a waiter takes over; one whose claimant dies passes on when its lease (<see cref="GridTimingOptions.CacheClaimLease"/>)
/// runs out. Calls to the shard grain ride out silo losses and storage outages (<see cref="GridCallResilience"/>).
/// </summary>
public sealed class CacheClaims(IGrainFactory grains, GridCallResilience calls, IOptions<GridTimingOptions> options)
{
    private readonly TimeSpan lease = options.Value.CacheClaimLease;

    // Shorter than a grid call's attempt timeout, so a wait is never cut off as a failure.
    private static readonly TimeSpan WaitSlice = TimeSpan.FromSeconds(20);

    /// <summary>Returns the entry's location: <paramref name="existing"/> when it is already stored, else the one
    /// <paramref name="compute"/> stored (here or elsewhere).</summary>
    /// <param name="existing">The stored entry's location if it is there (checked before any claim).</param>
    /// <param name="compute">Computes and stores the entry; returns its location.</param>
    public async Task<string> GetOrComputeAsync(string shardGrainKey, CacheKey key, Func<Task<string?>> existing, Func<Task<string>> compute,
        CancellationToken cancellationToken)
    {
        if (await existing() is { } stored)
        {
            return stored;
        }
        // Each call claims for itself: two trials of one silo must not both hold the same claim.
        var claimant = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        var shard = grains.GetGrain<IDataShardGrain>(shardGrainKey);
        var claim = await Call(() => shard.ClaimAsync(key, claimant, lease));
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (claim.Status)
            {
                case CacheClaimStatus.Ready:
                    return claim.Location!;
                case CacheClaimStatus.Granted:
                    string location;
                    using (var computing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                    {
                        var renewals = RenewAsync(shard, key, claimant, computing.Token);
                        try
                        {
                            location = await compute();
                        }
                        catch
                        {
                            await Send(() => shard.AbandonAsync(key, claimant));
                            throw;
                        }
                        finally
                        {
                            await computing.CancelAsync();
                            await renewals;
                        }
                    }
                    await Send(() => shard.CompleteAsync(key, claimant, location));
                    return location;
                default:
                    claim = await Call(() => shard.WaitAsync(key, WaitSlice));
                    if (claim.Status != CacheClaimStatus.Ready)
                    {
                        claim = await Call(() => shard.ClaimAsync(key, claimant, lease));
                    }
                    break;
            }
        }

        Task<T> Call<T>(Func<Task<T>> call) => calls.ExecuteAsync(call, $"cache claim {key} on shard {shardGrainKey}", cancellationToken);

        Task Send(Func<Task> call) => calls.ExecuteAsync(call, $"cache claim {key} on shard {shardGrainKey}", cancellationToken);
    }

    /// <summary>Extends the claim every third of its lease until <paramref name="cancellationToken"/> fires.</summary>
    private async Task RenewAsync(IDataShardGrain shard, CacheKey key, string claimant, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(lease / 3, cancellationToken);
                await calls.TryAsync(() => shard.ClaimAsync(key, claimant, lease), $"renewal of cache claim {key}", cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
