using FaceKdGrid.Grains.Hosting;
using Orleans.Runtime;

namespace FaceKdGrid.Grains.Data;

/// <summary>
/// A shard's manifest and its registry of computed entries. A claim is a lease: a caller that dies while computing
/// loses it when the lease runs out, and the next claimant takes over.
/// </summary>
public sealed class DataShardGrain : Grain, IDataShardGrain
{
    /// <summary>Longest a single wait may last; callers loop for longer waits.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(1);

    private readonly IPersistentState<DataShardState> state;
    private readonly TimeProvider clock;
    private readonly Dictionary<string, TaskCompletionSource> changes = [];

    public DataShardGrain(IGrainContext context, GridStateFactory states, TimeProvider clock)
    {
        state = states.Create<DataShardState>(context, "shard");
        this.clock = clock;
    }

    public async Task<bool> RegisterManifestAsync(RegisteredShard shard)
    {
        ArgumentNullException.ThrowIfNull(shard);
        if (state.State.Registered is { } existing)
        {
            return existing == shard;
        }
        if (shard.Manifest is null || shard.Manifest.Count < 0 || string.IsNullOrEmpty(shard.Manifest.ContentHash) || string.IsNullOrEmpty(shard.Location))
        {
            throw new ArgumentException("a shard needs a manifest with a non-negative count and a content hash, and a location", nameof(shard));
        }
        state.State.Registered = shard;
        await state.WriteStateAsync();
        return true;
    }

    public Task<RegisteredShard?> GetManifestAsync() => Task.FromResult(state.State.Registered);

    public async Task<CacheClaim> ClaimAsync(CacheKey key, string claimant, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrEmpty(claimant))
        {
            throw new ArgumentException("a claimant names who computes the entry", nameof(claimant));
        }
        if (lease <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lease), lease, "a lease must be positive");
        }
        var entry = Entry(key);
        if (entry.Location is not null)
        {
            return Ready(entry);
        }
        var now = clock.GetUtcNow();
        if (entry.Owner is not null && entry.Owner != claimant && entry.LeaseUntil > now)
        {
            return new CacheClaim { Status = CacheClaimStatus.Busy, Owner = entry.Owner };
        }
        entry.Owner = claimant;
        entry.LeaseUntil = now + lease;
        await state.WriteStateAsync();
        return new CacheClaim { Status = CacheClaimStatus.Granted, Owner = claimant };
    }

    public async Task<bool> CompleteAsync(CacheKey key, string claimant, string location)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrWhiteSpace(location))
        {
            throw new ArgumentException("a completed entry needs its artifact-store location", nameof(location));
        }
        var entry = Entry(key);
        if (entry.Location is not null)
        {
            return false;
        }
        // A holder whose lease ran out may still finish first: its result is as good as anyone's.
        entry.Location = location;
        entry.Owner = claimant;
        await state.WriteStateAsync();
        Signal(key);
        return true;
    }

    public async Task AbandonAsync(CacheKey key, string claimant)
    {
        ArgumentNullException.ThrowIfNull(key);
        var entry = Entry(key);
        if (entry.Location is null && entry.Owner == claimant)
        {
            entry.Owner = null;
            entry.LeaseUntil = default;
            await state.WriteStateAsync();
            Signal(key);
        }
    }

    public async Task<CacheClaim> WaitAsync(CacheKey key, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(key);
        var deadline = clock.GetUtcNow() + (timeout > MaxWait ? MaxWait : timeout);
        while (true)
        {
            var entry = Entry(key);
            var now = clock.GetUtcNow();
            var held = entry.Owner is not null && entry.LeaseUntil > now;
            if (entry.Location is not null)
            {
                return Ready(entry);
            }
            if (!held || now >= deadline)
            {
                return new CacheClaim { Status = CacheClaimStatus.Busy, Owner = held ? entry.Owner : null };
            }
            var wake = entry.LeaseUntil < deadline ? entry.LeaseUntil : deadline;
            var change = Change(key).Task;
            await Task.WhenAny(change, Task.Delay(wake - now, clock));
        }
    }

    private CacheEntryState Entry(CacheKey key)
    {
        var name = key.ToString();
        if (!state.State.Entries.TryGetValue(name, out var entry))
        {
            entry = new CacheEntryState { Key = key };
            state.State.Entries[name] = entry;
        }
        return entry;
    }

    private static CacheClaim Ready(CacheEntryState entry) =>
        new() { Status = CacheClaimStatus.Ready, Location = entry.Location, Owner = entry.Owner };

    private TaskCompletionSource Change(CacheKey key)
    {
        var name = key.ToString();
        if (!changes.TryGetValue(name, out var change))
        {
            change = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changes[name] = change;
        }
        return change;
    }

    private void Signal(CacheKey key)
    {
        if (changes.Remove(key.ToString(), out var change))
        {
            change.TrySetResult();
        }
    }
}
